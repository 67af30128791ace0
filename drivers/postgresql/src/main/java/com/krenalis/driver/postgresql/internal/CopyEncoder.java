package com.krenalis.driver.postgresql.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams rows into a {@code COPY ... FROM STDIN (FORMAT csv)} in bounded memory, encoding straight into a UTF-8 byte
 * buffer: each value is encoded once and quoted on its bytes (the quote 0x22 never occurs inside a multi-byte UTF-8
 * sequence), which keeps a bulk load's CPU in PostgreSQL rather than in string copies.
 */
final class CopyEncoder {
    private static final int FLUSH_BYTES = 1 << 16;

    private byte[] buf = new byte[FLUSH_BYTES * 2];
    private int size;

    private CopyEncoder() {
    }

    static long copy(CopyManager copyApi, String sql, int width, Iterator<Object[]> rows) throws SQLException {
        CopyIn in = copyApi.copyIn(sql);
        CopyEncoder encoder = new CopyEncoder();
        long count = 0;
        try {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (row.length != width) {
                    throw new SQLException("row " + count + " has " + row.length + " values for " + width + " columns", "22023");
                }
                encoder.row(row);
                count++;
                if (encoder.size >= FLUSH_BYTES) {
                    encoder.flushTo(in);
                }
            }
            encoder.flushTo(in);
            in.endCopy();
            return count;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** CSV: null is an unquoted empty field; every other value is quoted, so an empty string stays a string. */
    void row(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            if (row[i] != null) {
                quoted(text(row[i]).getBytes(StandardCharsets.UTF_8));
            }
        }
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

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private void flushTo(CopyIn in) throws SQLException {
        if (size > 0) {
            in.writeToCopy(buf, 0, size);
            size = 0;
        }
    }

    /** The text of a value as PostgreSQL reads it in CSV. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Instant instant) {
            return instant.toString();
        }
        if (v instanceof Collection<?> list) {
            // A PostgreSQL array literal; elements quoted, backslashes and quotes escaped.
            StringBuilder sb = new StringBuilder("{");
            String sep = "";
            for (Object e : list) {
                sb.append(sep);
                if (e == null) {
                    sb.append("NULL");
                } else {
                    sb.append('"').append(text(e).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
                sep = ",";
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }
}
