package com.krenalis.connector.snowflake;

import com.krenalis.api.connector.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where an incremental read resumes: the updated-at and identity of the last record delivered. Encoded as
 * {@code 1|<ISO-8601 instant>|<identity in unpadded base64url>}, so an identity may hold any character.
 */
record ReadCursor(Instant updatedAt, String id) {
    private static final String VERSION = "1";

    ReadCursor {
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(id, "id");
    }

    String encode() {
        return VERSION + "|" + updatedAt + "|"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a cursor this class encoded; anything else is an error, never a silent full read. */
    static ReadCursor decode(String text) throws ConnectorException {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw malformed();
        }
        try {
            Instant at = Instant.parse(parts[1]);
            byte[] id = Base64.getUrlDecoder().decode(parts[2]);
            if (!parts[2].matches("[A-Za-z0-9_-]*")) {
                throw malformed();
            }
            return new ReadCursor(at, new String(id, StandardCharsets.UTF_8));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static ConnectorException malformed() {
        return new ConnectorException("the pipeline's cursor is not one this connector wrote; "
                + "reset the pipeline's cursor to read everything again");
    }
}
