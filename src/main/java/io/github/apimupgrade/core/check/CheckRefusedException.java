package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.ApimUserException;

/** The pre-flight check found a FAIL: the upgrade is refused before anything changes. */
public class CheckRefusedException extends ApimUserException {
    public CheckRefusedException(String message) {
        super(message);
    }
}
