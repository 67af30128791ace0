package com.krenalis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a file-format connector ({@link FileFormat}). The test writes the {@link Fixture} users into
 * a file of the format by its own means (by hand, or with the format's library), and the suite reads it through the
 * connector.
 */
public abstract class FileFormatConformance {

    /** The connector under test; it must implement {@link FileFormat}. */
    protected abstract Connector connector();

    /** Format settings that read the files {@link #file} makes. */
    protected abstract Map<String, Object> settings();

    /** Settings that do not validate, and the field they break. */
    protected abstract Map<String, Object> invalidSettings();

    protected abstract String invalidField();

    /** A file of the format holding these users, one record per user, columns named as in {@link Fixture#COLUMNS}. */
    protected abstract byte[] file(List<Fixture.User> users) throws Exception;

    /**
     * A file holding these users and, between the second and the third, one malformed record (a row with a cell
     * too many, a JSON line that does not parse, a value of the wrong type in a typed format).
     */
    protected abstract byte[] fileWithMalformedRecord(List<Fixture.User> users) throws Exception;

    /** Bytes that are not a valid file of the format (truncated, or another format). */
    protected abstract byte[] brokenFile() throws Exception;

    /** The kind discovered for a fixture column; text formats discover strings. */
    protected TypeKind expectedKind(String column) {
        return TypeKind.STRING;
    }

    private FileFormat format() {
        assertTrue(connector() instanceof FileFormat, "the connector does not implement FileFormat");
        return (FileFormat) connector();
    }

    private Settings valid() {
        return Conformance.valid(connector().spec().settings(), settings());
    }

    private RecordingSink read(byte[] bytes, RecordingSink sink) throws ConnectorException {
        assertNotNull(format().read(new ByteArrayInputStream(bytes), valid(), sink), "read returns a result");
        return sink;
    }

    private static List<Map<String, Object>> rows(List<SourceRecord> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> positions = new HashSet<>();
        for (SourceRecord r : records) {
            assertFalse(r.id().isBlank(), "a record's id names its position");
            assertTrue(positions.add(r.id()), "two records at " + r.id());
            Map<String, Object> values = new TreeMap<>();
            for (String column : Fixture.COLUMNS) {
                values.put(column, Fixture.normalize(r.properties().get(column)));
            }
            out.add(values);
        }
        return out;
    }

    private static List<Map<String, Object>> expected(List<Fixture.User> users) {
        return users.stream().map(u -> (Map<String, Object>) new TreeMap<>(Fixture.normalize(u.row()))).toList();
    }

    @Test
    void specIsSound() {
        Conformance.specIsSound(connector(), ConnectorKind.FILE_FORMAT);
        assertFalse(format().extensions().isEmpty(), "extensions");
        for (String e : format().extensions()) {
            assertTrue(e.matches("[a-z0-9]+"), "extension '" + e + "': lower case, no dot");
        }
        valid();
    }

    @Test
    void invalidSettingsNameTheField() {
        Conformance.invalidSettingsNameTheField(connector().spec().settings(), invalidSettings(), invalidField());
    }

    @Test
    void discoverListsTheColumns() throws Exception {
        ObjectType schema = format().discover(new ByteArrayInputStream(file(Fixture.users())), valid());
        for (String column : Fixture.COLUMNS) {
            Property p = schema.property(column).orElseThrow(() -> new AssertionError("discover lacks column " + column
                    + ": " + schema.properties().stream().map(Property::name).toList()));
            assertEquals(expectedKind(column), p.type().kind(), "type of " + column);
        }
    }

    @Test
    void readDeliversEveryRecordWithItsValuesInOrder() throws Exception {
        RecordingSink sink = read(file(Fixture.users()), new RecordingSink());
        assertEquals(List.of(), sink.rejections(), "rejections");
        assertEquals(expected(Fixture.users()), rows(sink.records()));
    }

    @Test
    void aFileWithoutRecordsReadsAsNone() throws Exception {
        RecordingSink sink = read(file(List.of()), new RecordingSink());
        assertEquals(List.of(), sink.records());
        assertEquals(List.of(), sink.rejections());
    }

    @Test
    void aMalformedRecordIsRejectedAndTheOthersRead() throws Exception {
        RecordingSink sink = read(fileWithMalformedRecord(Fixture.users()), new RecordingSink());
        assertEquals(1, sink.rejections().size(), "rejections: " + sink.rejections());
        assertFalse(sink.rejections().get(0).key().isBlank(), "the rejection names the record's position");
        assertFalse(sink.rejections().get(0).message().isBlank(), "the rejection says what is wrong");
        assertEquals(expected(Fixture.users()), rows(sink.records()));
    }

    @Test
    void aBrokenFileIsAnErrorNotACrash() throws Exception {
        RecordingSink sink = new RecordingSink();
        try {
            format().read(new ByteArrayInputStream(brokenFile()), valid(), sink);
            assertFalse(sink.rejections().isEmpty(), "a broken file read without a word: " + sink.records());
        } catch (ConnectorException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(), "the error says why");
        } catch (RuntimeException e) {
            fail("a broken file must be a ConnectorException or rejected records, not " + e, e);
        }
    }

    @Test
    void whatTheWriterWritesReadsBackTheSame() throws Exception {
        ObjectType schema = format().discover(new ByteArrayInputStream(file(Fixture.users())), valid());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordDestination.RecordWriter writer;
        try {
            writer = format().openWriter(out, valid(), schema);
        } catch (ConnectorException readOnly) {
            return; // a read-only format: nothing to check
        }
        try (writer) {
            for (Fixture.User u : Fixture.users()) {
                writer.write(u.row());
            }
            writer.commit();
        }
        RecordingSink sink = read(out.toByteArray(), new RecordingSink());
        assertEquals(List.of(), sink.rejections(), "rejections");
        assertEquals(expected(Fixture.users()), rows(sink.records()));
    }

    @Test
    void aCancelledReadStopsPromptly() throws Exception {
        RecordingSink sink = read(file(Fixture.users()), new RecordingSink(1));
        assertTrue(sink.records().size() < Fixture.users().size(), "read on after cancellation");
    }
}
