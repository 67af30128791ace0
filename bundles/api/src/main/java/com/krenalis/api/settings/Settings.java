package com.krenalis.api.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated settings. Obtain with {@link SettingsSpec#validate(Map)}; values have the Java type of their kind
 * (String for STRING, TEXT, SECRET and CHOICE; Long for INTEGER; Boolean for BOOLEAN).
 */
public final class Settings {
    /** What {@link #toMap(boolean)} puts in place of a secret's value. */
    public static final String REDACTED = "********";

    private final SettingsSpec spec;
    private final Map<String, Object> values;

    Settings(SettingsSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The settings of a spec without fields. */
    public static Settings none() {
        return new Settings(SettingsSpec.none(), Map.of());
    }

    public SettingsSpec spec() {
        return spec;
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable((String) values.get(known(name)));
    }

    /** The value of a setting that is required or has a default. */
    public String requireString(String name) {
        return string(name).orElseThrow(() -> new IllegalStateException("setting '" + name + "' has no value"));
    }

    public Optional<Long> integer(String name) {
        return Optional.ofNullable((Long) values.get(known(name)));
    }

    public long requireInteger(String name) {
        return integer(name).orElseThrow(() -> new IllegalStateException("setting '" + name + "' has no value"));
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(known(name)));
    }

    /**
     * The values as a map, for storage ({@code redactSecrets=false}, then encrypt the secrets) or display
     * ({@code redactSecrets=true}).
     */
    public Map<String, Object> toMap(boolean redactSecrets) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SettingField f : spec.fields()) {
            Object v = values.get(f.name());
            if (v != null) {
                out.put(f.name(), redactSecrets && f.kind() == SettingKind.SECRET ? REDACTED : v);
            }
        }
        return out;
    }

    private String known(String name) {
        if (spec.field(name).isEmpty()) {
            throw new IllegalArgumentException("no such setting: " + name);
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.values.equals(values) && s.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    /** Never shows secrets. */
    @Override
    public String toString() {
        return toMap(true).toString();
    }
}
