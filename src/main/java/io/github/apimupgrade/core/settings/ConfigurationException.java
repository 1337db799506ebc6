package io.github.apimupgrade.core.settings;

import io.github.apimupgrade.core.ApimUserException;

/** A setting is missing, malformed or contradictory; the message names the property to change. */
public class ConfigurationException extends ApimUserException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
