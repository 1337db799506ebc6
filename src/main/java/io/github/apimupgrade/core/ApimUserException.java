package io.github.apimupgrade.core;

/**
 * A failure the operator fixes by changing input: a property, a password, a path, a database.
 * The message says what was found and what to change; it is shown as is, without a stack trace.
 */
public class ApimUserException extends ApimException {
    public ApimUserException(String message) {
        super(message);
    }

    public ApimUserException(String message, Throwable cause) {
        super(message, cause);
    }
}
