package com.krenalis.api.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The specification of one setting: its name, kind, constraints and help text.
 *
 * <p>Build with the static factories and the {@code with…} methods, e.g.
 * {@code SettingField.integer("port", "Port").range(1, 65535).withDefault(5432)}.
 *
 * @param pattern a regular expression a STRING value must match entirely, or null
 */
public record SettingField(String name, String label, SettingKind kind, boolean required, Object defaultValue,
                           String description, Integer maxLength, Long min, Long max, String pattern,
                           List<String> choices) {

    public SettingField {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        label = label == null ? name : label;
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (pattern != null) {
            Pattern.compile(pattern); // fail early on a bad pattern
        }
        if (kind == SettingKind.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("CHOICE setting '" + name + "' needs choices");
        }
    }

    public static SettingField string(String name, String label) {
        return new SettingField(name, label, SettingKind.STRING, false, null, null, 1024, null, null, null, null);
    }

    public static SettingField text(String name, String label) {
        return new SettingField(name, label, SettingKind.TEXT, false, null, null, 1 << 20, null, null, null, null);
    }

    public static SettingField secret(String name, String label) {
        return new SettingField(name, label, SettingKind.SECRET, false, null, null, 4096, null, null, null, null);
    }

    public static SettingField integer(String name, String label) {
        return new SettingField(name, label, SettingKind.INTEGER, false, null, null, null, null, null, null, null);
    }

    public static SettingField bool(String name, String label) {
        return new SettingField(name, label, SettingKind.BOOLEAN, false, false, null, null, null, null, null, null);
    }

    public static SettingField choice(String name, String label, List<String> choices) {
        return new SettingField(name, label, SettingKind.CHOICE, false, null, null, null, null, null, null, choices);
    }

    public SettingField asRequired() {
        return new SettingField(name, label, kind, true, defaultValue, description, maxLength, min, max, pattern, choices);
    }

    public SettingField withDefault(Object value) {
        return new SettingField(name, label, kind, required, value, description, maxLength, min, max, pattern, choices);
    }

    public SettingField describedAs(String text) {
        return new SettingField(name, label, kind, required, defaultValue, text, maxLength, min, max, pattern, choices);
    }

    public SettingField maxLength(int length) {
        return new SettingField(name, label, kind, required, defaultValue, description, length, min, max, pattern, choices);
    }

    public SettingField range(long minimum, long maximum) {
        return new SettingField(name, label, kind, required, defaultValue, description, maxLength, minimum, maximum, pattern, choices);
    }

    public SettingField matching(String regex, String meaning) {
        return new SettingField(name, label, kind, required, defaultValue,
                description.isEmpty() ? meaning : description, maxLength, min, max, regex, choices);
    }
}
