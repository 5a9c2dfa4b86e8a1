package com.exportservice.config;

/** A setting or definition file that stops start-up; the message names the file or key and the problem. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
