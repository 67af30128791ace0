package com.krenalis.api.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSpecTest {
    private static final SettingsSpec SPEC = SettingsSpec.of(
            SettingField.string("host", "Host").asRequired().maxLength(10),
            SettingField.integer("port", "Port").range(1, 65535).withDefault(5432L),
            SettingField.secret("password", "Password"),
            SettingField.bool("tls", "TLS"),
            SettingField.choice("mode", "Mode", List.of("fast", "safe")).withDefault("safe"),
            SettingField.string("schema", "Schema").matching("[a-z]+", "lower-case letters"),
            SettingField.text("query", "Query"));

    private static List<String> badFields(Map<String, ?> raw) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SPEC.validate(raw));
        return e.errors().stream().map(FieldError::field).sorted().toList();
    }

    @Test
    void validInputGetsDefaultsAndTypes() throws Exception {
        Settings s = SPEC.validate(Map.of("host", "db", "password", "pw", "query", "SELECT 1\nFROM t"));
        assertEquals("db", s.requireString("host"));
        assertEquals(5432L, s.requireInteger("port"));
        assertEquals("safe", s.requireString("mode"));
        assertFalse(s.bool("tls"));
        assertEquals("SELECT 1\nFROM t", s.requireString("query"));
    }

    @Test
    void everyBadFieldIsNamed() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("host", "a-very-long-host-name");
        raw.put("port", 0);
        raw.put("tls", "yes");
        raw.put("mode", "slow");
        raw.put("schema", "Upper");
        raw.put("typo", 1);
        assertEquals(List.of("host", "mode", "port", "schema", "tls", "typo"), badFields(raw));
    }

    @Test
    void requiredMissingOrBlankIsAnError() {
        assertEquals(List.of("host"), badFields(Map.of()));
        assertEquals(List.of("host"), badFields(Map.of("host", "   ")));
    }

    @Test
    void numbersMustBeWholeAndStringsSingleLine() {
        assertEquals(List.of("port"), badFields(Map.of("host", "h", "port", 1.5)));
        assertEquals(List.of("port"), badFields(Map.of("host", "h", "port", "5432")));
        assertEquals(List.of("host"), badFields(Map.of("host", "a\nb")));
        assertTrue(assertThrows(InvalidSettingsException.class, () -> SPEC.validate(Map.of("host", "h", "port", 1e20)))
                .getMessage().contains("port"));
    }

    @Test
    void secretsAreRedactedForDisplayOnly() throws Exception {
        Settings s = SPEC.validate(Map.of("host", "h", "password", "hunter2"));
        assertEquals(Settings.REDACTED, s.toMap(true).get("password"));
        assertEquals("hunter2", s.toMap(false).get("password"));
        assertFalse(s.toString().contains("hunter2"));
    }

    @Test
    void specsRejectDuplicatesAndBadDefinitions() {
        assertThrows(IllegalArgumentException.class, () -> SettingsSpec.of(SettingField.bool("a", "A"), SettingField.bool("a", "B")));
        assertThrows(IllegalArgumentException.class, () -> SettingField.choice("c", "C", List.of()));
        assertThrows(java.util.regex.PatternSyntaxException.class, () -> SettingField.string("s", "S").matching("(", "x"));
    }
}
