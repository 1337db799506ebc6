package io.github.apimupgrade.core;

/** An upgrade failure that is not the user's to fix: a bug, an I/O failure, a database that broke mid-way. */
public class ApimException extends RuntimeException {
    public ApimException(String message) {
        super(message);
    }

    public ApimException(String message, Throwable cause) {
        super(message, cause);
    }
}
