package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.ApimException;

/** A started server did not come up, or does not serve what the 3.0.0 deployment served. */
public class ServerFailedException extends ApimException {
    public ServerFailedException(String message) {
        super(message);
    }
}
