package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.ApimUserException;

/** A backup set or a restore target that restore will not use; the message lists every problem found. */
public class BackupRefusedException extends ApimUserException {
    public BackupRefusedException(String message) {
        super(message);
    }
}
