package com.krenalis.api.types;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A named, typed property of an {@link ObjectType}.
 *
 * <p>Names are identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters) so that every warehouse can use
 * them as column names once quoted.
 */
public record Property(String name, Type type, boolean nullable, String description) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public Property {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid property name '" + name
                    + "': use letters, digits and underscores, starting with a letter or underscore, at most 63 characters");
        }
        description = description == null ? "" : description;
    }

    public static Property of(String name, Type type) {
        return new Property(name, type, true, "");
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
