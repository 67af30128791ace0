package com.krenalis.driver.postgresql.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/** Streams rows into a {@code COPY ... FROM STDIN (FORMAT csv)} in bounded memory. */
final class CopyEncoder {
    private static final int FLUSH_BYTES = 1 << 16;

    private CopyEncoder() {
    }

    static long copy(CopyManager copyApi, String sql, int width, Iterator<Object[]> rows) throws SQLException {
        CopyIn in = copyApi.copyIn(sql);
        long count = 0;
        try {
            StringBuilder buf = new StringBuilder(FLUSH_BYTES * 2);
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (row.length != width) {
                    throw new SQLException("row " + count + " has " + row.length + " values for " + width + " columns", "22023");
                }
                appendRow(buf, row);
                count++;
                if (buf.length() >= FLUSH_BYTES) {
                    write(in, buf);
                }
            }
            write(in, buf);
            in.endCopy();
            return count;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void write(CopyIn in, StringBuilder buf) throws SQLException {
        if (buf.length() > 0) {
            byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buf.setLength(0);
        }
    }

    /** CSV: null is an unquoted empty field; every other value is quoted, so an empty string stays a string. */
    static void appendRow(StringBuilder buf, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                buf.append(',');
            }
            Object v = row[i];
            if (v != null) {
                buf.append('"');
                String s = text(v);
                for (int j = 0; j < s.length(); j++) {
                    char ch = s.charAt(j);
                    if (ch == '"') {
                        buf.append('"');
                    }
                    buf.append(ch);
                }
                buf.append('"');
            }
        }
        buf.append('\n');
    }

    private static String text(Object v) {
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
