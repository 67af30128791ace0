package com.krenalis.api.settings;

/** What a setting holds; decides its JSON type and how it is validated, stored and shown. */
public enum SettingKind {
    /** Single-line text. */
    STRING,
    /** Multi-line text, such as a SQL query. */
    TEXT,
    /** A password, token or key: stored encrypted, never returned by the API or written to logs. */
    SECRET,
    /** A whole number, bounded by {@code min} and {@code max}. */
    INTEGER,
    BOOLEAN,
    /** One of a fixed list of strings. */
    CHOICE
}
