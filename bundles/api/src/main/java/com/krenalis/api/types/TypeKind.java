package com.krenalis.api.types;

/** The kinds of {@link Type}; the lower-case name is the JSON name. */
public enum TypeKind {
    STRING, BOOLEAN, INT, FLOAT, DECIMAL, DATETIME, DATE, TIME, UUID, IP, JSON, ARRAY, OBJECT;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
