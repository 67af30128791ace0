package com.krenalis.runtime.launcher;

/** Bad configuration: start-up stops with this message, which names the setting. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
