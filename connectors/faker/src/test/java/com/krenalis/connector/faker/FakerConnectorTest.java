package com.krenalis.connector.faker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.TypeKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec, settings validation, check and discover. */
class FakerConnectorTest {
    private final FakerConnector connector = new FakerConnector();

    static Settings settings(Map<String, ?> raw) throws InvalidSettingsException {
        return new FakerConnector().spec().settings().validate(raw);
    }

    @Test
    void specDescribesAnApplicationSourceWithIncrementalReads() {
        assertEquals("faker", connector.spec().code());
        assertEquals(Set.of(ConnectorKind.APPLICATION), connector.spec().kinds());
        assertEquals(List.of("count", "seed"),
                connector.spec().settings().fields().stream().map(f -> f.name()).toList());
        assertTrue(connector.supportsIncremental());
    }

    @Test
    void settingsDefaultToAThousandUsersFromSeed42() throws Exception {
        Settings settings = settings(Map.of());
        assertEquals(1000, settings.requireInteger("count"));
        assertEquals(42, settings.requireInteger("seed"));
    }

    @Test
    void countOutsideItsRangeIsAnErrorOnCount() {
        for (long count : new long[] {0, -5, 10_000_001}) {
            assertEquals(List.of("count"), badFields(Map.of("count", count)), "count " + count);
        }
        assertEquals(10_000_000, assertValid(Map.of("count", 10_000_000)).requireInteger("count"));
        assertEquals(1, assertValid(Map.of("count", 1)).requireInteger("count"));
    }

    @Test
    void valuesOfTheWrongTypeNameTheirField() {
        assertEquals(List.of("count"), badFields(Map.of("count", "many")));
        assertEquals(List.of("count"), badFields(Map.of("count", 2.5)));
        assertEquals(List.of("seed"), badFields(Map.of("seed", true)));
        Map<String, Object> both = new HashMap<>();
        both.put("count", "x");
        both.put("seed", 0.5);
        assertEquals(Set.of("count", "seed"), Set.copyOf(badFields(both)));
    }

    @Test
    void unknownSettingIsAnErrorOnThatName() {
        assertEquals(List.of("size"), badFields(Map.of("size", 10)));
    }

    @Test
    void checkAcceptsValidSettings() throws Exception {
        CheckResult result = connector.check(settings(Map.of("count", 7, "seed", 3)), Duration.ofSeconds(1));
        assertTrue(result.ok());
        assertEquals("will generate 7 users from seed 3", result.message());
    }

    @Test
    void discoverDescribesEveryPropertyOfTheRecordsWithTheirJavaTypes() throws Exception {
        Settings settings = settings(Map.of("count", 50));
        ObjectType schema = connector.discover(settings);
        RecordingSink sink = new RecordingSink();
        connector.read(new ReadRequest(settings, null), sink);
        for (var record : sink.records) {
            assertEquals(schema.properties().stream().map(Property::name).toList(),
                    List.copyOf(record.properties().keySet()));
            for (Property p : schema.properties()) {
                Object value = record.properties().get(p.name());
                assertFalse(value == null && !p.nullable(), p.name() + " is null");
                assertTrue(javaTypeOf(p.type().kind()).isInstance(value), p.name() + " = " + value);
            }
        }
    }

    private static Class<?> javaTypeOf(TypeKind kind) {
        return switch (kind) {
            case STRING -> String.class;
            case DATE -> LocalDate.class;
            case DATETIME -> Instant.class;
            default -> throw new AssertionError("unexpected kind " + kind);
        };
    }

    private static Settings assertValid(Map<String, ?> raw) {
        try {
            return settings(raw);
        } catch (InvalidSettingsException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static List<String> badFields(Map<String, ?> raw) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings(raw));
        return e.errors().stream().map(FieldError::field).toList();
    }
}
