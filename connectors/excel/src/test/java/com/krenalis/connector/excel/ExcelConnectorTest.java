package com.krenalis.connector.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.conformance.RecordingSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelConnectorTest {
    private final ExcelConnector excel = new ExcelConnector();

    private Settings settings(Object... pairs) throws InvalidSettingsException {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.put((String) pairs[i], pairs[i + 1]);
        }
        return excel.spec().settings().validate(raw);
    }

    private RecordingSink read(byte[] file, Object... settings) throws Exception {
        RecordingSink sink = new RecordingSink();
        excel.read(new ByteArrayInputStream(file), settings(settings), sink);
        return sink;
    }

    /** A workbook with one sheet "Data": the rows given, each cell set by its Java type. */
    private static byte[] workbook(Object[]... rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Data");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (v instanceof String s && s.startsWith("=")) {
                        cell.setCellFormula(s.substring(1));
                    } else if (v instanceof String s) {
                        cell.setCellValue(s);
                    } else if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v instanceof Boolean b) {
                        cell.setCellValue(b);
                    } else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(Sheets.style(wb, "d/m/yyyy"));
                    } else if (v instanceof LocalDateTime t) {
                        cell.setCellValue(t);
                        cell.setCellStyle(Sheets.style(wb, "yyyy-mm-dd hh:mm:ss"));
                    } else if (v instanceof LocalTime t) {
                        cell.setCellValue(t.toSecondOfDay() / 86_400d);
                        cell.setCellStyle(Sheets.style(wb, "h:mm"));
                    }
                }
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll(); // cache formula results, as Excel does
            return Sheets.bytes(wb);
        }
    }

    @Test
    void theSheetSettingIsASheetName() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings("sheet", "a/b"));
        assertEquals("sheet", e.errors().get(0).field());
        assertThrows(InvalidSettingsException.class, () -> settings("sheet", "x".repeat(32)));
    }

    @Test
    void aSheetIsChosenByNameAndAMissingOneIsNamed() throws Exception {
        byte[] file = Sheets.users(com.krenalis.conformance.Fixture.users(), false);
        assertEquals(0, read(file, "sheet", "Other").records().size()); // a header and no rows
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(file, "sheet", "Nope"));
        assertEquals("the workbook has no sheet named 'Nope'; its sheets are [Users, Other]", e.getMessage());
    }

    @Test
    void headerNamesBecomeIdentifiersAndWithoutHeaderColumnsAreLetters() throws Exception {
        byte[] file = workbook(new Object[] {"First Name", "E-mail", null, 2024}, new Object[] {"Ada", "a@x", "?", 1});
        ObjectType schema = excel.discover(new ByteArrayInputStream(file), settings());
        assertEquals(List.of("first_name", "e_mail", "column_3", "_2024"), schema.properties().stream().map(Property::name).toList());
        RecordingSink sink = read(file, "header", false);
        assertEquals(List.of("row 1", "row 2"), sink.records().stream().map(SourceRecord::id).toList());
        assertEquals(Map.of("A", "Ada", "B", "a@x", "C", "?", "D", 1L), sink.records().get(1).properties());
    }

    @Test
    void cellTypesAreInferredFromTheSample() throws Exception {
        byte[] file = workbook(
                new Object[] {"i", "f", "mixed", "d", "dt", "t", "b", "s", "text_int", "empty", "mix_dates"},
                new Object[] {1, 1.5, 1, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 1, 10, 30), LocalTime.of(9, 15), true, "x", 5, null, LocalDate.of(2024, 1, 1)},
                new Object[] {2, 2, "two", LocalDate.of(1900, 3, 1), LocalDateTime.of(1999, 12, 31, 23, 59, 59), LocalTime.of(23, 0), false, "y", "9007199254740993", null, LocalDateTime.of(2024, 1, 1, 1, 0)});
        ObjectType schema = excel.discover(new ByteArrayInputStream(file), settings());
        assertEquals(Type.object(List.of(Property.of("i", Type.int64()), Property.of("f", Type.float64()),
                Property.of("mixed", Type.string()), Property.of("d", Type.date()), Property.of("dt", Type.datetime()),
                Property.of("t", Type.time()), Property.of("b", Type.bool()), Property.of("s", Type.string()),
                Property.of("text_int", Type.int64()), Property.of("empty", Type.string()),
                Property.of("mix_dates", Type.datetime()))), schema);
        Map<String, Object> row = read(file).records().get(1).properties();
        assertEquals(2L, row.get("i"));
        assertEquals(LocalDate.of(1900, 3, 1), row.get("d"));
        assertEquals(Instant.parse("1999-12-31T23:59:59Z"), row.get("dt"));
        assertEquals(LocalTime.of(23, 0), row.get("t"));
        assertEquals(false, row.get("b"));
        assertEquals("9007199254740993", row.get("text_int"));
    }

    @Test
    void formulasGiveTheirCachedValue() throws Exception {
        byte[] file = workbook(new Object[] {"a", "twice", "label", "ok"}, new Object[] {21, "=A2*2", "=\"n\"&A2", "=A2>20"});
        assertEquals(Map.of("a", 21L, "twice", 42L, "label", "n21", "ok", true), read(file).records().get(0).properties());
    }

    @Test
    void anErrorCellOrAValueRightOfTheHeaderRejectsTheRow() throws Exception {
        byte[] file = workbook(new Object[] {"a", "b"}, new Object[] {1, "=1/0"}, new Object[] {2, 3, "stray"},
                new Object[] {null, null}, new Object[] {4, 5});
        RecordingSink sink = read(file);
        assertEquals(List.of(new RecordingSink.Rejection("row 2", "cell B2 holds the error #DIV/0!"),
                new RecordingSink.Rejection("row 3", "cell C3 is right of the last column of the header (B)")), sink.rejections());
        assertEquals(List.of("row 5"), sink.records().stream().map(SourceRecord::id).toList());
    }

    @Test
    void whatIsNotAWorkbookIsAConnectorException() throws Exception {
        assertThrows(ConnectorException.class, () -> read("not a zip".getBytes()));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("hello.txt"));
            out.write("hello".getBytes());
        }
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(zip.toByteArray()));
        assertTrue(e.getMessage().startsWith("not an Excel .xlsx workbook"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(Sheets.users(com.krenalis.conformance.Fixture.users(), false), 2000);
        assertThrows(ConnectorException.class, () -> read(truncated));
    }

    @Test
    void theWriterWritesDatesAsDatesAndWhatADoubleCannotHoldAsText() throws Exception {
        ObjectType schema = Type.object(List.of(Property.of("day", Type.date()), Property.of("at", Type.datetime()),
                Property.of("big", Type.int64()), Property.of("amount", Type.decimal(20, 2)), Property.of("tags", Type.json())));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("day", LocalDate.of(1988, 2, 29));
        row.put("at", Instant.parse("2026-03-01T10:00:00.123Z"));
        row.put("big", 9_007_199_254_740_993L);
        row.put("amount", new BigDecimal("123456789012345678.25"));
        row.put("tags", List.of("a", 1L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordDestination.RecordWriter writer = excel.openWriter(out, settings("sheet", "Export"), schema)) {
            writer.write(row);
            writer.write(Map.of("big", 7L));
            writer.commit();
            assertThrows(ConnectorException.class, () -> writer.write(row));
        }
        RecordingSink sink = read(out.toByteArray(), "sheet", "Export");
        Map<String, Object> expected = new LinkedHashMap<>(row);
        expected.put("big", "9007199254740993");
        expected.put("amount", "123456789012345678.25");
        expected.put("tags", "[\"a\",1]");
        assertEquals(expected, sink.records().get(0).properties());
        assertEquals(7L, sink.records().get(1).properties().get("big"));
        ObjectType discovered = excel.discover(new ByteArrayInputStream(out.toByteArray()), settings());
        assertEquals(Type.date(), discovered.property("day").orElseThrow().type());
        assertEquals(Type.datetime(), discovered.property("at").orElseThrow().type());
        assertEquals(Type.int64(), discovered.property("big").orElseThrow().type());
    }

    /** 100k rows of 7 columns, read under a 160 MB heap (pom.xml); prints the throughput. */
    @Test
    void aLargeSheetIsStreamed(@TempDir Path dir) throws Exception {
        int rows = 100_000;
        Path file = dir.resolve("large.xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            Sheet sheet = wb.createSheet("Data");
            var date = Sheets.style(wb, "yyyy-mm-dd");
            Row header = sheet.createRow(0);
            String[] names = {"id", "email", "first_name", "score", "vip", "birth_date", "note"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("u" + r);
                row.createCell(1).setCellValue("user" + r + "@example.com");
                row.createCell(2).setCellValue("Name " + (r % 1000));
                row.createCell(3).setCellValue(r * 7L);
                row.createCell(4).setCellValue(r % 2 == 0);
                Cell d = row.createCell(5);
                d.setCellValue(LocalDate.of(1970, 1, 1).plusDays(r % 20_000));
                d.setCellStyle(date);
                row.createCell(6).setCellValue("some text that repeats");
            }
            try (var out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            wb.dispose();
        }
        long[] seen = {0};
        RecordSink sink = new RecordSink() {
            @Override public void accept(SourceRecord record) { seen[0]++; }
            @Override public void reject(String key, String message) { throw new AssertionError(key + ": " + message); }
            @Override public boolean cancelled() { return false; }
        };
        long start = System.nanoTime();
        try (var in = Files.newInputStream(file)) {
            excel.read(in, settings(), sink);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Excel: %d rows x 7 columns (%d KB) read in %d ms (%d rows/s)%n", rows, Files.size(file) / 1024,
                millis, rows * 1000L / Math.max(1, millis));
        assertEquals(rows, seen[0]);
    }
}
