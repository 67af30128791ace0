package com.krenalis.api.connector;

/** A connector could not do what was asked; the message is shown to the user and must not contain secrets. */
public class ConnectorException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
