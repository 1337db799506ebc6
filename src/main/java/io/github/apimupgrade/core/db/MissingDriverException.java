package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.ApimUserException;

/** The JDBC driver for a configured URL is not on the plugin's class path. */
public class MissingDriverException extends ApimUserException {
    public MissingDriverException(String message) {
        super(message);
    }
}
