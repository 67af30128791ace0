package com.krenalis.core.internal.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows encoded for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}: fields separated by commas, every value
 * double-quoted (so an empty string stays distinct from NULL, which is an empty unquoted field), rows ended by a
 * newline. Quoting works on bytes: in UTF-8 the quote character {@code "} (0x22) never occurs inside a multi-byte
 * sequence, so doubling every 0x22 byte is exact, and a value that is UTF-8 already (an event's JSON) is never decoded
 * and encoded again.
 *
 * <p>A row is written as {@link #value}/{@link #number}/{@link #nul} calls, one per column, then {@link #endRow}; the
 * buffer is handed to the copy with {@link #flushTo} whenever it is large enough.
 */
public final class CopyRows {
    private byte[] buf;
    private int size;
    private boolean rowStarted;

    public CopyRows(int capacity) {
        this.buf = new byte[capacity];
    }

    /** Bytes buffered. */
    public int size() {
        return size;
    }

    /** A text value, quoted; {@code null} is NULL. */
    public CopyRows value(String value) {
        return value == null ? nul() : value(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A UTF-8 value, quoted. */
    public CopyRows value(byte[] utf8) {
        separate();
        ensure(utf8.length * 2 + 2);
        buf[size++] = '"';
        for (byte b : utf8) {
            if (b == '"') {
                buf[size++] = '"';
            }
            buf[size++] = b;
        }
        buf[size++] = '"';
        return this;
    }

    /** A number (or any value whose text is plain ASCII without quotes, commas or newlines), unquoted. */
    public CopyRows number(long n) {
        return ascii(Long.toString(n));
    }

    /** ASCII text known to need no quoting (numbers, ISO-8601 timestamps, booleans), unquoted. */
    public CopyRows ascii(String s) {
        separate();
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** NULL: an empty unquoted field. */
    public CopyRows nul() {
        separate();
        return this;
    }

    public void endRow() {
        put((byte) '\n');
        rowStarted = false;
    }

    private void separate() {
        if (rowStarted) {
            put((byte) ',');
        }
        rowStarted = true;
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

    /** Writes the buffered rows to the copy and empties the buffer. */
    public void flushTo(CopyIn copy) throws SQLException {
        if (size > 0) {
            copy.writeToCopy(buf, 0, size);
            size = 0;
        }
    }
}
