package com.krenalis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.TypeKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a connector that reads users from a database or an application ({@link RecordSource}).
 * Extend it in the connector's tests and give it a live source: the suite stores {@link Fixture} users in it through
 * {@link #replaceUsers}, reads them back through the connector, and checks what a pipeline relies on.
 */
public abstract class RecordSourceConformance {

    /** The connector under test; it must implement {@link RecordSource}. */
    protected abstract Connector connector();

    /** Connection settings that reach the live source. */
    protected abstract Map<String, Object> settings();

    /**
     * Pipeline settings that read the fixture users: identity from {@code id}, update time from {@code updated_at}
     * (an empty map for a connector without pipeline settings).
     */
    protected abstract Map<String, Object> pipelineSettings();

    /** Pipeline settings that validate but cannot be read (a query on a table that does not exist). */
    protected abstract Map<String, Object> unreadablePipelineSettings();

    /** Connection settings that validate but cannot work: a closed port, a wrong password. */
    protected abstract Map<String, Object> unreachableSettings();

    /** Connection settings that do not validate, and the field they break. */
    protected abstract Map<String, Object> invalidSettings();

    protected abstract String invalidField();

    /** Makes the source hold exactly these users, by the test's own means (not through the connector). */
    protected abstract void replaceUsers(List<Fixture.User> users) throws Exception;

    /** The kind the connector discovers for a fixture column; override where a source has no such type. */
    protected TypeKind expectedKind(String column) {
        return switch (column) {
            case "score" -> TypeKind.INT;
            case "vip" -> TypeKind.BOOLEAN;
            case "birth_date" -> TypeKind.DATE;
            case "updated_at" -> TypeKind.DATETIME;
            default -> TypeKind.STRING;
        };
    }

    private RecordSource source() {
        assertTrue(connector() instanceof RecordSource, "the connector does not implement RecordSource");
        return (RecordSource) connector();
    }

    private Settings connection() {
        return Conformance.valid(connector().spec().settings(), settings());
    }

    private Settings pipeline() {
        return Conformance.valid(connector().spec().pipelineSettings(), pipelineSettings());
    }

    private ReadResult read(String cursor, RecordingSink sink) throws ConnectorException {
        ReadResult result = source().read(new ReadRequest(connection(), pipeline(), cursor), sink);
        assertNotNull(result, "read returns a result");
        return result;
    }

    private static Map<String, Map<String, Object>> byId(List<SourceRecord> records) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (SourceRecord r : records) {
            Map<String, Object> values = new TreeMap<>();
            for (String column : Fixture.COLUMNS) {
                values.put(column, Fixture.normalize(r.properties().get(column)));
            }
            assertTrue(out.put(r.id(), values) == null, "record " + r.id() + " delivered twice");
        }
        return out;
    }

    private static Map<String, Map<String, Object>> expected(List<Fixture.User> users, Set<String> ids) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Fixture.User u : users) {
            if (ids.contains(u.id())) {
                out.put(u.id(), new TreeMap<>(Fixture.normalize(u.row())));
            }
        }
        return out;
    }

    @Test
    void specIsSound() {
        Conformance.specIsSound(connector(), connector().spec().kinds().contains(ConnectorKind.DATABASE)
                ? ConnectorKind.DATABASE : ConnectorKind.APPLICATION);
        source();
        pipeline();
    }

    @Test
    void invalidSettingsNameTheField() {
        Conformance.invalidSettingsNameTheField(connector().spec().settings(), invalidSettings(), invalidField());
    }

    @Test
    void checkPassesWithGoodSettings() {
        CheckResult result = connector().check(connection(), Duration.ofSeconds(10));
        assertTrue(result.ok(), "check failed: " + result.message());
    }

    @Test
    void checkFailsPromptlyAndSaysWhy() {
        Conformance.checkFails(connector(), Conformance.valid(connector().spec().settings(), unreachableSettings()));
    }

    @Test
    void discoverListsTheColumnsWithTheirTypes() throws Exception {
        replaceUsers(Fixture.users());
        ObjectType schema = source().discover(connection(), pipeline());
        for (String column : Fixture.COLUMNS) {
            Property p = schema.property(column).orElseThrow(() -> new AssertionError("discover lacks column " + column
                    + ": " + schema.properties().stream().map(Property::name).toList()));
            assertEquals(expectedKind(column), p.type().kind(), "type of " + column);
        }
    }

    @Test
    void discoverOfAnUnreadableSourceSaysWhy() throws Exception {
        Settings bad = Conformance.valid(connector().spec().pipelineSettings(), unreadablePipelineSettings());
        ConnectorException e = assertThrows(ConnectorException.class, () -> source().discover(connection(), bad));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the error says why");
        Conformance.noSecretIn(connection(), e.getMessage());
    }

    @Test
    void fullReadDeliversEveryUserWithItsValues() throws Exception {
        replaceUsers(Fixture.users());
        RecordingSink sink = new RecordingSink();
        ReadResult result = read(null, sink);
        assertEquals(List.of(), sink.rejections(), "rejections");
        Set<String> all = Fixture.users().stream().map(Fixture.User::id).collect(Collectors.toSet());
        assertEquals(expected(Fixture.users(), all), byId(sink.records()));
        for (SourceRecord r : sink.records()) {
            Fixture.User u = Fixture.users().stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
            assertEquals(u.updatedAt(), r.updatedAt(), "updatedAt of " + r.id());
        }
        assertTrue(result.total() == 5 || result.total() == -1, "total " + result.total());
    }

    @Test
    void incrementalReadDeliversOnlyWhatChanged() throws Exception {
        if (!source().supportsIncremental()) {
            return; // nothing to check: the pipeline never passes a cursor to such a source
        }
        replaceUsers(Fixture.users());
        String cursor = read(null, new RecordingSink()).cursor();
        assertNotNull(cursor, "a full read of an incremental source returns a cursor");

        replaceUsers(Fixture.updatedUsers());
        RecordingSink changed = new RecordingSink();
        String next = read(cursor, changed).cursor();
        assertEquals(expected(Fixture.updatedUsers(), new TreeSet<>(Fixture.updatedIds())), byId(changed.records()));
        assertNotNull(next, "cursor after an incremental read");

        RecordingSink nothing = new RecordingSink();
        String same = read(next, nothing).cursor();
        assertEquals(List.of(), sink(nothing), "a read from the newest cursor delivers nothing");
        assertNotNull(same, "a read that delivers nothing keeps a cursor");
        RecordingSink again = new RecordingSink();
        read(same, again);
        assertEquals(List.of(), sink(again), "the cursor of an empty read is still the newest");
    }

    private static List<String> sink(RecordingSink s) {
        return s.records().stream().map(SourceRecord::id).toList();
    }

    @Test
    void aMalformedCursorIsAnError() throws Exception {
        if (!source().supportsIncremental()) {
            return;
        }
        replaceUsers(Fixture.users());
        assertThrows(ConnectorException.class, () -> read("not a cursor \u0000", new RecordingSink()));
    }

    @Test
    void aUserWithoutIdentityIsRejectedAndTheOthersRead() throws Exception {
        replaceUsers(Fixture.withNullIdentity());
        RecordingSink sink = new RecordingSink();
        read(null, sink);
        assertEquals(5, sink.records().size(), "users with an identity: " + sink(sink));
        assertEquals(1, sink.rejections().size(), "rejections: " + sink.rejections());
        assertNotNull(sink.rejections().get(0).key(), "a rejection names the record");
    }

    @Test
    void aCancelledReadStopsPromptly() throws Exception {
        replaceUsers(Fixture.users());
        RecordingSink sink = new RecordingSink(1);
        read(null, sink);
        assertTrue(sink.records().size() < Fixture.users().size(), "read on after cancellation: " + sink(sink));
    }
}
