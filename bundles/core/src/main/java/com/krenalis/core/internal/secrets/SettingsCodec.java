package com.krenalis.core.internal.secrets;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.SettingKind;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validates settings from users (a warehouse driver's, a connector's), seals their secrets for storage, and opens them
 * again.
 */
public final class SettingsCodec {
    private final SecretBox secrets;

    public SettingsCodec(SecretBox secrets) {
        this.secrets = secrets;
    }

    /**
     * Validates user input. A secret given as the redaction placeholder keeps its stored value, so a client can PUT
     * back what it read. Field errors are reported as {@code fieldPrefix + name}.
     */
    public Settings validate(SettingsSpec spec, Map<String, Object> input, Map<String, Object> stored, String fieldPrefix) {
        Map<String, Object> merged = new LinkedHashMap<>(input);
        for (SettingField f : spec.fields()) {
            if (f.kind() == SettingKind.SECRET && Settings.REDACTED.equals(merged.get(f.name())) && stored != null
                    && stored.get(f.name()) instanceof String sealed) {
                merged.put(f.name(), secrets.decrypt(sealed));
            }
        }
        try {
            return spec.validate(merged);
        } catch (InvalidSettingsException e) {
            throw new InvalidInputException(e.errors().stream()
                    .map(err -> new FieldError(fieldPrefix + err.field(), err.message())).toList());
        }
    }

    public Map<String, Object> seal(Settings settings) {
        Map<String, Object> out = settings.toMap(false);
        for (SettingField f : settings.spec().fields()) {
            if (f.kind() == SettingKind.SECRET && out.get(f.name()) instanceof String plain) {
                out.put(f.name(), secrets.encrypt(plain));
            }
        }
        return out;
    }

    public Settings open(SettingsSpec spec, Map<String, Object> stored) throws InvalidSettingsException {
        Map<String, Object> plain = new LinkedHashMap<>(stored);
        for (SettingField f : spec.fields()) {
            if (f.kind() == SettingKind.SECRET && plain.get(f.name()) instanceof String sealed) {
                plain.put(f.name(), secrets.decrypt(sealed));
            }
        }
        return spec.validate(plain);
    }

    public static Map<String, Object> redact(SettingsSpec spec, Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>(stored);
        if (spec == null) {
            // The driver is not installed now: we cannot tell secrets apart, so show no values at all.
            out.replaceAll((k, v) -> Settings.REDACTED);
            return out;
        }
        for (SettingField f : spec.fields()) {
            if (f.kind() == SettingKind.SECRET && out.containsKey(f.name())) {
                out.put(f.name(), Settings.REDACTED);
            }
        }
        return out;
    }
}
