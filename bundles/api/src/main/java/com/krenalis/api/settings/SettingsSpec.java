package com.krenalis.api.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The settings a connector or driver takes, in display order. Validates raw JSON-like input into {@link Settings}. */
public record SettingsSpec(List<SettingField> fields) {

    public SettingsSpec {
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (SettingField f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("duplicate setting: " + f.name());
            }
        }
    }

    public static SettingsSpec of(SettingField... fields) {
        return new SettingsSpec(List.of(fields));
    }

    public static SettingsSpec none() {
        return new SettingsSpec(List.of());
    }

    public Optional<SettingField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Validates raw input (as parsed from JSON: String, Number, Boolean, or null) against every field.
     * Unknown names are errors too, so that a typo is not silently ignored.
     *
     * @throws InvalidSettingsException naming every bad field
     */
    public Settings validate(Map<String, ?> raw) throws InvalidSettingsException {
        Map<String, ?> input = raw == null ? Map.of() : raw;
        List<FieldError> errors = new ArrayList<>();
        for (String name : input.keySet()) {
            if (field(name).isEmpty()) {
                errors.add(new FieldError(name, "unknown setting"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (SettingField f : fields) {
            Object value = input.get(f.name());
            if (value == null || (value instanceof String s && s.isEmpty() && f.kind() != SettingKind.STRING)) {
                value = f.defaultValue();
            }
            if (value == null) {
                if (f.required()) {
                    errors.add(new FieldError(f.name(), "is required"));
                }
                continue;
            }
            try {
                values.put(f.name(), SettingValues.convert(f, value));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(f.name(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }
        return new Settings(this, values);
    }
}
