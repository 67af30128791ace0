package com.krenalis.conformance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users every conformance test reads, and how values are compared.
 *
 * <p>Each connector's test stores these users in its source by its own means (an INSERT, a CSV file written by hand, a
 * Parquet file written with the library), not through the connector under test. The columns are, in this order:
 * {@value #COLUMNS_TEXT}. The data is chosen to catch the usual mistakes: a non-ASCII name, a name with a comma,
 * quotes and an apostrophe, a null, a negative number, a leap day, timestamps with milliseconds.
 */
public final class Fixture {
    /** The fixture's column names, in order. */
    public static final List<String> COLUMNS = List.of("id", "email", "first_name", "score", "vip", "birth_date", "updated_at");
    static final String COLUMNS_TEXT = "id, email, first_name, score, vip, birth_date, updated_at";

    /**
     * One user. {@code id} is text (a database may store it in a text column); {@code score} is a 64-bit whole number,
     * {@code vip} a boolean, {@code birth_date} a date, {@code updated_at} an instant with millisecond precision. Any
     * of them but {@code id} and {@code updatedAt} may be null; {@code id} is null only in {@link #withNullIdentity()}.
     */
    public record User(String id, String email, String firstName, Long score, Boolean vip, LocalDate birthDate,
                       Instant updatedAt) {
        /** The user as a row: column name to value, in {@link #COLUMNS} order, nulls included. */
        public Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("email", email);
            row.put("first_name", firstName);
            row.put("score", score);
            row.put("vip", vip);
            row.put("birth_date", birthDate);
            row.put("updated_at", updatedAt);
            return row;
        }

        User changed(String newEmail, Instant newUpdatedAt) {
            return new User(id, newEmail, firstName, score, vip, birthDate, newUpdatedAt);
        }
    }

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    private Fixture() {
    }

    /** Five users, updated at increasing times. */
    public static List<User> users() {
        return List.of(
                new User("u1", "ada@example.com", "Ada", 42L, true, LocalDate.parse("1990-05-01"), T0),
                new User("u2", "zoe@example.com", "Zoë", -7L, false, LocalDate.parse("1988-02-29"), T0.plusSeconds(60)),
                new User("u3", "bob@example.com", "O'Brien, \"Bob\"", 0L, null, null, T0.plusSeconds(120)),
                new User("u4", "kim@example.com", null, null, true, LocalDate.parse("2001-12-31"), T0.plusSeconds(180)),
                new User("u5", "eve@example.com", "Eve", 9_007_199_254_740_993L, false, LocalDate.parse("1970-01-01"),
                        T0.plusSeconds(240)));
    }

    /**
     * The users after a change: u2 and u4 have a new email and a later {@code updated_at}, u6 is new; u1, u3 and u5
     * are as in {@link #users()}. An incremental read after a read of {@link #users()} delivers u2, u4 and u6.
     */
    public static List<User> updatedUsers() {
        List<User> users = new ArrayList<>(users());
        Instant later = T0.plusSeconds(3600);
        users.set(1, users.get(1).changed("zoe.new@example.com", later));
        users.set(3, users.get(3).changed("kim.new@example.com", later.plusSeconds(1)));
        users.add(new User("u6", "new@example.com", "Nia", 1L, true, LocalDate.parse("1999-09-09"), later.plusSeconds(2)));
        return users;
    }

    /** The ids {@link #updatedUsers()} changed or added. */
    public static List<String> updatedIds() {
        return List.of("u2", "u4", "u6");
    }

    /** {@link #users()} with one more user, between u2 and u3, whose id is null: a source must reject it, not fail. */
    public static List<User> withNullIdentity() {
        List<User> users = new ArrayList<>(users());
        users.add(2, new User(null, "nobody@example.com", "Nobody", 3L, false, null, T0.plusSeconds(90)));
        return users;
    }

    /**
     * A value in a form that does not depend on how a source typed it, so that the text of a CSV cell and the typed
     * value of a database column compare equal: null stays null; numbers become their plain decimal text without
     * trailing zeros; date-times become the ISO-8601 instant in UTC ({@code 2026-03-01T10:00:00.123Z}); dates and
     * booleans their ISO text; text is compared as it is, except that text holding a date-time with an offset is read
     * as an instant.
     */
    public static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant().toString();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        if (value instanceof String s) {
            if (s.length() >= 20 && Character.isDigit(s.charAt(0)) && s.charAt(10) == 'T') {
                try {
                    return OffsetDateTime.parse(s).toInstant().toString();
                } catch (RuntimeException notADateTime) {
                    return s;
                }
            }
            if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') && s.matches("-?\\d+(\\.\\d+)?")) {
                return new BigDecimal(s).stripTrailingZeros().toPlainString();
            }
            return s;
        }
        return value.toString();
    }

    /** A row's values normalized, by column. */
    public static Map<String, Object> normalize(Map<String, ?> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, normalize(v)));
        return out;
    }
}
