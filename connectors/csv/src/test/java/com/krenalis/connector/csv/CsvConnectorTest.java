package com.krenalis.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.conformance.RecordingSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvConnectorTest {
    private final CsvConnector csv = new CsvConnector();

    private Settings settings(Object... pairs) throws InvalidSettingsException {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.put((String) pairs[i], pairs[i + 1]);
        }
        return csv.spec().settings().validate(raw);
    }

    private RecordingSink read(String text, Charset charset, Settings settings) throws ConnectorException {
        RecordingSink sink = new RecordingSink();
        csv.read(new ByteArrayInputStream(text.getBytes(charset)), settings, sink);
        return sink;
    }

    private RecordingSink read(String text, Object... settings) throws Exception {
        return read(text, StandardCharsets.UTF_8, settings(settings));
    }

    @Test
    void settingsAreCheckedPerFieldAndTogether() throws Exception {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings("quote", "ab"));
        assertEquals("quote", e.errors().get(0).field());
        assertThrows(InvalidSettingsException.class, () -> settings("encoding", "EBCDIC"));
        assertEquals(List.of(new FieldError("quote", "must differ from the delimiter")),
                csv.validate(settings("delimiter", "pipe", "quote", "|")));
        assertEquals(List.of(), csv.validate(settings("delimiter", "semicolon", "quote", "'")));
    }

    @Test
    void headerNamesBecomeIdentifiers() throws Exception {
        ObjectType schema = csv.discover(new ByteArrayInputStream("First Name,E-mail,e-mail,id,\n".getBytes()), settings());
        assertEquals(List.of("first_name", "e_mail", "e_mail_2", "id", "column_5"),
                schema.properties().stream().map(Property::name).toList());
        schema.properties().forEach(p -> assertEquals(Type.string(), p.type()));
    }

    @Test
    void withoutHeaderColumnsAreNumberedAndTheFirstLineIsARecord() throws Exception {
        RecordingSink sink = read("a,b\nc,d\n", "header", false);
        assertEquals(List.of("line 1", "line 2"), sink.records().stream().map(SourceRecord::id).toList());
        assertEquals(Map.of("column_1", "a", "column_2", "b"), sink.records().get(0).properties());
    }

    @Test
    void positionsAreTheLinesRecordsStartOnAcrossQuotedLineBreaksAndBlankLines() throws Exception {
        RecordingSink sink = read("id,note\r\n1,\"two\nlines\"\r\n\r\n2,x\n3,y");
        assertEquals(List.of("line 2", "line 5", "line 6"), sink.records().stream().map(SourceRecord::id).toList());
        assertEquals("two\nlines", sink.records().get(0).properties().get("note"));
    }

    @Test
    void aRowOfAnotherWidthIsRejectedNamingItsLineAndCounts() throws Exception {
        RecordingSink sink = read("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");
        assertEquals(List.of(new RecordingSink.Rejection("line 3", "expected 3 cells, found 2"),
                new RecordingSink.Rejection("line 4", "expected 3 cells, found 4")), sink.rejections());
        assertEquals(2, sink.records().size());
    }

    @Test
    void anUnclosedQuoteRejectsTheRestAndKeepsWhatCameBefore() throws Exception {
        RecordingSink sink = read("a,b\n1,2\n3,\"4\n5,6\n");
        assertEquals(1, sink.records().size());
        assertEquals(1, sink.rejections().size());
        assertEquals("line 3", sink.rejections().get(0).key());
        assertTrue(sink.rejections().get(0).message().contains("EOF"), sink.rejections().get(0).message());
    }

    @Test
    void anEmptyCellIsNullAndAQuotedEmptyCellIsEmpty() throws Exception {
        Map<String, Object> row = read("a,b,c\n,\"\",x\n").records().get(0).properties();
        assertNull(row.get("a"));
        assertEquals("", row.get("b"));
    }

    @Test
    void delimitersQuotesAndTrim() throws Exception {
        assertEquals(Map.of("a", "1", "b", "x;y"), read("a;b\n1;'x;y'\n", "delimiter", "semicolon", "quote", "'")
                .records().get(0).properties());
        assertEquals(Map.of("a", "1", "b", "2"), read("a\tb\n 1 \t 2\n", "delimiter", "tab", "trim", true)
                .records().get(0).properties());
        assertEquals(Map.of("a", " 1 ", "b", "2"), read("a|b\n 1 |2\n", "delimiter", "pipe").records().get(0).properties());
    }

    @Test
    void encodingsAndByteOrderMarks() throws Exception {
        assertEquals(Map.of("name", "Zoë"), read("\uFEFFname\nZoë\n").records().get(0).properties());
        assertEquals(Map.of("name", "Zoë"), read("\uFEFFname\nZoë\n", StandardCharsets.UTF_16, settings("encoding", "UTF-16"))
                .records().get(0).properties());
        assertEquals(Map.of("price", "5 €"), read("price\n5 €\n", Charset.forName("windows-1252"),
                settings("encoding", "windows-1252")).records().get(0).properties());
        assertEquals(Map.of("name", "Zoë"), read("name\nZoë\n", StandardCharsets.ISO_8859_1, settings("encoding", "ISO-8859-1"))
                .records().get(0).properties());
    }

    @Test
    void anEmptyFileHasNoColumnsAndNoRecords() throws Exception {
        assertEquals(List.of(), csv.discover(new ByteArrayInputStream(new byte[0]), settings()).properties());
        RecordingSink sink = read("");
        assertEquals(List.of(), sink.records());
        assertEquals(List.of(), sink.rejections());
    }

    @Test
    void theWriterFormatsValuesAsIsoAndPlainTextAndQuotesOnlyWhereNeeded() throws Exception {
        ObjectType schema = Type.object(List.of(Property.of("name", Type.string()), Property.of("at", Type.datetime()),
                Property.of("amount", Type.decimal(10, 5)), Property.of("day", Type.date()), Property.of("tags", Type.json())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordDestination.RecordWriter writer = csv.openWriter(out, settings("delimiter", "semicolon"), schema)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", "a;b \"c\"");
            row.put("at", Instant.parse("2026-03-01T10:00:00.120Z"));
            row.put("amount", new BigDecimal("1E-5"));
            row.put("day", LocalDate.parse("1988-02-29"));
            row.put("tags", List.of("x", 1L));
            writer.write(row);
            writer.write(Map.of("name", "plain"));
            writer.commit();
        }
        assertEquals("name;at;amount;day;tags\r\n"
                        + "\"a;b \"\"c\"\"\";2026-03-01T10:00:00.120Z;0.00001;1988-02-29;\"[\"\"x\"\",1]\"\r\n"
                        + "plain;;;;\r\n",
                out.toString(StandardCharsets.UTF_8));
    }

    /** A million rows (about 50 MB of text) read with a heap of 96 MB (pom.xml): the reader holds one row at a time. */
    @Test
    void aLargeFileIsStreamed() throws Exception {
        int rows = 1_000_000;
        long[] seen = {0};
        var sink = new com.krenalis.api.connector.RecordSink() {
            @Override public void accept(SourceRecord record) { seen[0]++; }
            @Override public void reject(String key, String message) { throw new AssertionError(key + ": " + message); }
            @Override public boolean cancelled() { return false; }
        };
        long start = System.nanoTime();
        var result = csv.read(generated(rows), settings(), sink);
        System.out.printf("CSV: %d rows read in %d ms%n", rows, (System.nanoTime() - start) / 1_000_000);
        assertEquals(rows, seen[0]);
        assertEquals(rows, result.total());
    }

    /** A CSV file produced on the fly, never held whole in memory. */
    private static InputStream generated(int rows) {
        return new InputStream() {
            private byte[] line = "id,email,first_name,score\n".getBytes(StandardCharsets.UTF_8);
            private int pos;
            private int row;

            @Override
            public int read() {
                if (pos == line.length) {
                    if (row == rows) {
                        return -1;
                    }
                    row++;
                    line = ("u" + row + ",user" + row + "@example.com,\"Name, " + row + "\"," + row * 7L + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return line[pos++] & 0xff;
            }
        };
    }
}
