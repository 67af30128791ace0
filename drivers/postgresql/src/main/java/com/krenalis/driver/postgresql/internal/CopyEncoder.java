package com.krenalis.driver.postgresql.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
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

    /**
     * ISO-8601 in UTC, {@code 2026-12-05T21:58:40.123Z}, the fraction to the millisecond, microsecond or nanosecond as
     * needed, like {@link Instant#toString} for years 1 to 9999 (which it falls back to otherwise). Written by hand:
     * {@code Instant.toString} builds a formatter context per call, 5 % of the warehouse loader's CPU with four timestamps
     * per event.
     */
    static String instant(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        if (days < -719_162 || days > 2_932_896) { // before 0001-01-01 or after 9999-12-31
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(days);
        StringBuilder b = new StringBuilder(30);
        pad(b, date.getYear(), 4).append('-');
        pad(b, date.getMonthValue(), 2).append('-');
        pad(b, date.getDayOfMonth(), 2).append('T');
        pad(b, secondOfDay / 3600, 2).append(':');
        pad(b, secondOfDay / 60 % 60, 2).append(':');
        pad(b, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            b.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(b, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(b, nanos / 1_000, 6);
            } else {
                pad(b, nanos, 9);
            }
        }
        return b.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /** The text of a value as PostgreSQL reads it in CSV. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Instant instant) {
            return instant(instant);
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
