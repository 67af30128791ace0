package com.krenalis.core.internal.eventlog;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Event-log rows encoded for {@code COPY ... (FORMAT csv)} straight from the events' UTF-8 bytes. Quoting works on
 * bytes: in UTF-8 the quote character {@code "} (0x22) never occurs inside a multi-byte sequence, so doubling every
 * 0x22 byte is exact, and the JSON is never decoded to a String and encoded again (the single log writer's hot path).
 */
final class CsvRows {
    private byte[] buf;
    private int size;

    CsvRows(int capacity) {
        this.buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    void row(long workspaceId, long connectionId, com.krenalis.api.platform.EventLog.Event e) {
        ascii(Long.toString(workspaceId));
        put((byte) ',');
        ascii(Long.toString(connectionId));
        put((byte) ',');
        quoted(e.messageId().getBytes(StandardCharsets.UTF_8));
        put((byte) ',');
        ascii(e.receivedAt().toString());
        put((byte) ',');
        quoted(e.json());
        put((byte) '\n');
    }

    private void quoted(byte[] value) {
        ensure(value.length * 2 + 2);
        buf[size++] = '"';
        for (byte b : value) {
            if (b == '"') {
                buf[size++] = '"';
            }
            buf[size++] = b;
        }
        buf[size++] = '"';
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    void flushTo(CopyIn copy) throws SQLException {
        if (size > 0) {
            copy.writeToCopy(buf, 0, size);
            size = 0;
        }
    }
}
