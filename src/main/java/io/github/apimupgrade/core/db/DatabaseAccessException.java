package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.ApimUserException;

/** A database cannot be reached or opened with the given settings; the message says what to change. */
public class DatabaseAccessException extends ApimUserException {
    public DatabaseAccessException(String message) {
        super(message);
    }

    public DatabaseAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
