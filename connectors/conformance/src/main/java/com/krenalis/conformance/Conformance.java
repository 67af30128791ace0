package com.krenalis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.SettingKind;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks shared by the suites. */
final class Conformance {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|privatekey|passphrase)");

    private Conformance() {
    }

    static Settings valid(SettingsSpec spec, Map<String, Object> raw) {
        try {
            return spec.validate(raw);
        } catch (InvalidSettingsException e) {
            return fail("the test's settings do not validate: " + e.errors());
        }
    }

    static void specIsSound(Connector connector, ConnectorKind kind) {
        ConnectorSpec spec = connector.spec();
        assertTrue(spec.kinds().contains(kind), "kinds " + spec.kinds() + " lack " + kind);
        assertFalse(spec.name().isBlank(), "name");
        assertFalse(spec.description().isBlank(), "description");
        for (SettingField f : spec.settings().fields()) {
            assertFalse(f.label().isBlank(), "label of setting " + f.name());
            if (SECRET_NAME.matcher(f.name()).matches()) {
                assertEquals(SettingKind.SECRET, f.kind(), "setting " + f.name() + " holds a secret: declare it SECRET");
            }
        }
        assertEquals(spec, connector.spec(), "spec() must be a constant");
    }

    static void invalidSettingsNameTheField(SettingsSpec spec, Map<String, Object> invalid, String field) {
        try {
            spec.validate(invalid);
            fail("settings " + invalid + " validated; expected an error on '" + field + "'");
        } catch (InvalidSettingsException e) {
            assertTrue(e.errors().stream().map(FieldError::field).anyMatch(field::equals),
                    "errors " + e.errors() + " do not name '" + field + "'");
        }
    }

    /** A check that fails: promptly, with a message, and without echoing a secret. */
    static void checkFails(Connector connector, Settings settings) {
        Duration timeout = Duration.ofSeconds(5);
        long start = System.nanoTime();
        CheckResult result = connector.check(settings, timeout);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(result.ok(), "check passed with settings that cannot work: " + result.message());
        assertFalse(result.message().isBlank(), "a failed check says why");
        assertTrue(millis < timeout.toMillis() + 3000, "check took " + millis + " ms with a timeout of " + timeout);
        noSecretIn(settings, result.message());
    }

    static void noSecretIn(Settings settings, String text) {
        for (SettingField f : settings.spec().fields()) {
            if (f.kind() == SettingKind.SECRET) {
                settings.string(f.name()).filter(s -> s.length() >= 4).ifPresent(secret ->
                        assertFalse(text != null && text.contains(secret), "the secret of '" + f.name() + "' is shown in: " + text));
            }
        }
        assertFalse(settings.toString().contains("=") && settings.spec().fields().stream()
                .filter(f -> f.kind() == SettingKind.SECRET)
                .anyMatch(f -> settings.string(f.name()).filter(s -> s.length() >= 4)
                        .map(s -> settings.toString().contains(s)).orElse(false)), "Settings.toString() shows a secret");
    }
}
