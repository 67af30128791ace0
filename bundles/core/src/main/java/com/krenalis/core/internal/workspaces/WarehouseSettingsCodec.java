package com.krenalis.core.internal.workspaces;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.SettingKind;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.core.internal.secrets.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Validates driver settings from users, seals their secrets for storage, and opens them again. */
final class WarehouseSettingsCodec {
    private final SecretBox secrets;

    WarehouseSettingsCodec(SecretBox secrets) {
        this.secrets = secrets;
    }

    /**
     * Validates user input. A secret given as the redaction placeholder keeps its stored value, so a client can PUT
     * back what it read.
     */
    Settings validate(SettingsSpec spec, Map<String, Object> input, Map<String, Object> stored) {
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
                    .map(err -> new FieldError("warehouse.settings." + err.field(), err.message())).toList());
        }
    }

    Map<String, Object> seal(Settings settings) {
        Map<String, Object> out = settings.toMap(false);
        for (SettingField f : settings.spec().fields()) {
            if (f.kind() == SettingKind.SECRET && out.get(f.name()) instanceof String plain) {
                out.put(f.name(), secrets.encrypt(plain));
            }
        }
        return out;
    }

    Settings open(SettingsSpec spec, Map<String, Object> stored) throws InvalidSettingsException {
        Map<String, Object> plain = new LinkedHashMap<>(stored);
        for (SettingField f : spec.fields()) {
            if (f.kind() == SettingKind.SECRET && plain.get(f.name()) instanceof String sealed) {
                plain.put(f.name(), secrets.decrypt(sealed));
            }
        }
        return spec.validate(plain);
    }

    static Map<String, Object> redact(SettingsSpec spec, Map<String, Object> stored) {
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

    /** Identifies the warehouse a workspace points at, whatever its namespace, pool size or credentials. */
    static String warehouseKey(String driver, Settings settings) {
        Map<String, Object> identity = new TreeMap<>(settings.toMap(true));
        for (SettingField f : settings.spec().fields()) {
            if (f.kind() == SettingKind.SECRET || f.kind() == SettingKind.INTEGER && !f.name().equals("port")
                    || f.name().equals("schema") || f.name().equals("user")) {
                identity.remove(f.name());
            }
        }
        return driver + ":" + identity;
    }
}
