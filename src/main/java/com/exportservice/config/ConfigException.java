package com.exportservice.config;

/** A setting or definition file that stops start-up; the message names the file or key and the problem. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The ConfigException among a throwable's causes (start-up wraps it), or null. */
    public static ConfigException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigException config) {
                return config;
            }
        }
        return null;
    }

    /**
     * Another component's message (a driver's, a parser's) on one line: messages here are one line per
     * problem. Null is empty.
     */
    public static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
