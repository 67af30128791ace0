package com.krenalis.core.internal.common;

import com.krenalis.api.platform.InvalidInputException;

/** The rule for names people give to things (workspaces, keys): trimmed, 1 to 100 characters, no control characters. */
public final class DisplayName {
    public static final int MAX_LENGTH = 100;

    private DisplayName() {
    }

    /** The trimmed name, or an {@link InvalidInputException} on field {@code name}. */
    public static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "must not contain control characters");
        }
        return trimmed;
    }
}
