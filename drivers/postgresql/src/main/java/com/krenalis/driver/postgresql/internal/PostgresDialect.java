package com.krenalis.driver.postgresql.internal;

/** Quoting for PostgreSQL. */
final class PostgresDialect {
    private PostgresDialect() {
    }

    /** A quoted identifier: always quoted, so reserved words and mixed case are safe; embedded quotes doubled. */
    static String quote(String identifier) {
        check(identifier, "identifier");
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A string literal, for the few places a value cannot be bound (DDL). */
    static String literal(String value) {
        check(value, "literal");
        return "'" + value.replace("'", "''") + "'";
    }

    private static void check(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character");
        }
    }
}
