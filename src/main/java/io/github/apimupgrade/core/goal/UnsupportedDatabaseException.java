package io.github.apimupgrade.core.goal;

import io.github.apimupgrade.core.ApimUserException;

/** The database is not one this upgrade path starts from. */
public class UnsupportedDatabaseException extends ApimUserException {
    public UnsupportedDatabaseException(String message) {
        super(message);
    }
}
