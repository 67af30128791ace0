package com.krenalis.connector.database;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.ConnectorException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Where an incremental read resumes: the greatest (updated-at, identity) pair delivered. The identity is the
 * database's own text form of the identity column, so that comparing it in SQL breaks ties on updated-at exactly as
 * the read's ORDER BY did. Encoded as {@code 1|<ISO instant>|<identity>}; the identity may hold any character.
 */
public record ReadCursor(Instant updatedAt, String identity) {
    private static final String VERSION = "1|";

    public ReadCursor {
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(identity, "identity");
    }

    public String encode() {
        return VERSION + updatedAt + "|" + identity;
    }

    /** Parses a cursor this class encoded; anything else is an error, never a silent full read. */
    public static ReadCursor parse(String text) throws ConnectorException {
        if (text == null || !text.startsWith(VERSION)) {
            throw malformed();
        }
        int bar = text.indexOf('|', VERSION.length());
        if (bar < 0) {
            throw malformed();
        }
        try {
            return new ReadCursor(Instant.parse(text.substring(VERSION.length(), bar)), text.substring(bar + 1));
        } catch (DateTimeException e) {
            throw malformed();
        }
    }

    private static ConnectorException malformed() {
        return new ConnectorException("the read cursor is malformed (it was not written by this connector); "
                + "run a full read to start again");
    }
}
