package com.krenalis.connector.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.conformance.Fixture;
import com.krenalis.conformance.RecordingSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetConnectorTest {
    private final ParquetConnector parquet = new ParquetConnector();

    private Settings settings(Map<String, Object> raw) throws Exception {
        return parquet.spec().settings().validate(raw);
    }

    private RecordingSink read(byte[] file) throws Exception {
        RecordingSink sink = new RecordingSink();
        parquet.read(new ByteArrayInputStream(file), settings(Map.of()), sink);
        return sink;
    }

    /** Files compressed by parquet's own Hadoop codecs (native snappy, zstd-jni, Hadoop's gzip) read with ours. */
    @ParameterizedTest
    @EnumSource(names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void everyCommonCodecReads(CompressionCodecName codec) throws Exception {
        RecordingSink sink = read(ParquetFixtures.users(Fixture.users(), false, codec));
        assertEquals(List.of(), sink.rejections());
        assertEquals(Fixture.users().stream().map(u -> Fixture.normalize(u.row())).toList(),
                sink.records().stream().map(r -> Fixture.normalize(r.properties())).toList());
    }

    private static final MessageType TYPES = withFirstName(MessageTypeParser.parseMessageType("""
            message t {
              optional int32 tiny (INTEGER(8,true));
              optional int32 u32 (INTEGER(32,false));
              optional int64 u64 (INTEGER(64,false));
              optional int64 price (DECIMAL(10,2));
              optional fixed_len_byte_array(16) big (DECIMAL(30,4));
              optional int64 at_micros (TIMESTAMP(MICROS,true));
              optional int64 at_nanos (TIMESTAMP(NANOS,false));
              optional int96 legacy_at;
              optional int32 at_time (TIME(MILLIS,true));
              optional fixed_len_byte_array(16) uid (UUID);
              optional binary doc (JSON);
              optional binary kind (ENUM);
              optional binary raw;
              optional float ratio;
              optional double score;
              optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
              optional group attrs (MAP) { repeated group key_value { required binary key (STRING); optional int32 value; } }
              optional group address { optional binary city (STRING); optional int32 zip; }
              repeated int32 legacy_numbers;
            }"""));

    /** A field whose name is not an identifier (the schema parser takes none such). */
    private static MessageType withFirstName(MessageType schema) {
        List<org.apache.parquet.schema.Type> fields = new java.util.ArrayList<>(schema.getFields());
        fields.add(org.apache.parquet.schema.Types.optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
                .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named("First Name"));
        return new MessageType(schema.getName(), fields);
    }

    private static byte[] typesFile() throws Exception {
        return ParquetFixtures.write(TYPES, CompressionCodecName.SNAPPY, writer -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(TYPES);
            Group g = groups.newGroup().append("tiny", -5).append("u32", -1).append("u64", -1L).append("price", 12345L)
                    .append("big", pad16(new BigDecimal("-12345678901234567890.1234")))
                    .append("at_micros", 1_772_359_200_123_456L).append("at_nanos", 1_772_359_200_123_456_789L)
                    .append("legacy_at", int96(LocalDate.parse("2026-03-01"), 36_000_000_000_000L))
                    .append("at_time", 37_800_500)
                    .append("uid", Binary.fromConstantByteArray(ByteBuffer.allocate(16).putLong(0x0123456789abcdefL)
                            .putLong(0xfedcba9876543210L).array()))
                    .append("doc", "{\"a\":1}").append("kind", "GOLD")
                    .append("raw", Binary.fromConstantByteArray(new byte[] {1, 2, 3})).append("ratio", 0.1f).append("score", 2.5)
                    .append("First Name", "Ada");
            Group tags = g.addGroup("tags");
            tags.addGroup("list").append("element", "a");
            tags.addGroup("list");
            tags.addGroup("list").append("element", "b");
            Group attrs = g.addGroup("attrs");
            attrs.addGroup("key_value").append("key", "x").append("value", 1);
            g.addGroup("address").append("city", "Rome");
            g.append("legacy_numbers", 7).append("legacy_numbers", 8);
            writer.write(g);
            writer.write(groups.newGroup().append("tiny", 1)); // everything else null: lists reset per record
        });
    }

    private static Binary pad16(BigDecimal d) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        byte[] out = new byte[16];
        byte fill = (byte) (d.signum() < 0 ? 0xff : 0);
        java.util.Arrays.fill(out, fill);
        System.arraycopy(unscaled, 0, out, 16 - unscaled.length, unscaled.length);
        return Binary.fromConstantByteArray(out);
    }

    private static Binary int96(LocalDate day, long nanosOfDay) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanosOfDay).putInt((int) (day.toEpochDay() + 2_440_588));
        return Binary.fromConstantByteArray(b.array());
    }

    @Test
    void logicalTypesMapToKrenalisTypes() throws Exception {
        ObjectType schema = parquet.discover(new ByteArrayInputStream(typesFile()), settings(Map.of()));
        assertEquals(Type.object(List.of(Property.of("tiny", IntType.of(8)), Property.of("u32", Type.int64()),
                Property.of("u64", Type.decimal(20, 0)), Property.of("price", Type.decimal(10, 2)),
                Property.of("big", Type.decimal(30, 4)), Property.of("at_micros", Type.datetime()),
                Property.of("at_nanos", Type.datetime()), Property.of("legacy_at", Type.datetime()),
                Property.of("at_time", Type.time()), Property.of("uid", Type.uuid()), Property.of("doc", Type.json()),
                Property.of("kind", Type.string()), Property.of("raw", Type.string()), Property.of("ratio", Type.float64()),
                Property.of("score", Type.float64()), Property.of("tags", Type.array(Type.string())),
                Property.of("attrs", Type.json()), Property.of("address", Type.json()),
                Property.of("legacy_numbers", Type.array(Type.int32())), Property.of("first_name", Type.string()))), schema);
    }

    @Test
    void valuesAreDecodedByTheirLogicalType() throws Exception {
        RecordingSink sink = read(typesFile());
        assertEquals(List.of(), sink.rejections());
        Map<String, Object> row = sink.records().get(0).properties();
        assertEquals(-5L, row.get("tiny"));
        assertEquals(4_294_967_295L, row.get("u32"));
        assertEquals(new BigDecimal("18446744073709551615"), row.get("u64"));
        assertEquals(new BigDecimal("123.45"), row.get("price"));
        assertEquals(new BigDecimal("-12345678901234567890.1234"), row.get("big"));
        assertEquals(Instant.parse("2026-03-01T10:00:00.123456Z"), row.get("at_micros"));
        assertEquals(Instant.parse("2026-03-01T10:00:00.123456789Z"), row.get("at_nanos"));
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), row.get("legacy_at"));
        assertEquals(LocalTime.parse("10:30:00.500"), row.get("at_time"));
        assertEquals(UUID.fromString("01234567-89ab-cdef-fedc-ba9876543210"), row.get("uid"));
        assertEquals("{\"a\":1}", row.get("doc"));
        assertEquals("GOLD", row.get("kind"));
        assertEquals("AQID", row.get("raw"));
        assertEquals(0.1, row.get("ratio"));
        assertEquals(java.util.Arrays.asList("a", null, "b"), row.get("tags"));
        assertEquals(Map.of("x", 1L), row.get("attrs"));
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Rome");
        address.put("zip", null);
        assertEquals(address, row.get("address"));
        assertEquals(List.of(7L, 8L), row.get("legacy_numbers"));
        assertEquals("Ada", row.get("first_name"));
        Map<String, Object> second = sink.records().get(1).properties();
        assertEquals(null, second.get("legacy_numbers"));
        assertEquals(null, second.get("tags"));
    }

    @Test
    void aTimestampOutsideTheSupportedYearsIsRejected() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message t { required int64 at (TIMESTAMP(MILLIS,true)); }");
        byte[] file = ParquetFixtures.write(schema, CompressionCodecName.UNCOMPRESSED, writer -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            writer.write(groups.newGroup().append("at", 0L));
            writer.write(groups.newGroup().append("at", Long.MAX_VALUE));
            writer.write(groups.newGroup().append("at", 1000L));
        });
        RecordingSink sink = read(file);
        assertEquals(List.of(new RecordingSink.Rejection("record 2", "column at holds a timestamp outside years 1 to 9999")),
                sink.rejections());
        assertEquals(List.of("record 1", "record 3"), sink.records().stream().map(SourceRecord::id).toList());
    }

    @Test
    void whatIsNotParquetIsAConnectorException() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read("PAR1 but not really".getBytes()));
        assertTrue(e.getMessage().startsWith("not a Parquet file"), e.getMessage());
        assertThrows(ConnectorException.class, () -> read(new byte[0]));
    }

    @Test
    void theWriterKeepsTypesAndHonoursTheCodec() throws Exception {
        ObjectType schema = Type.object(List.of(Property.of("id", Type.string()), Property.of("n", Type.int32()),
                Property.of("at", Type.datetime()), Property.of("day", Type.date()), Property.of("t", Type.time()),
                Property.of("amount", Type.decimal(12, 3)), Property.of("uid", Type.uuid()),
                Property.of("tags", Type.array(Type.string())), Property.of("doc", Type.json())));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "Zoë");
        row.put("n", 7L);
        row.put("at", Instant.parse("2026-03-01T10:00:00.123456Z"));
        row.put("day", LocalDate.parse("1988-02-29"));
        row.put("t", LocalTime.parse("23:59:59.5"));
        row.put("amount", new BigDecimal("-1.5"));
        row.put("uid", UUID.fromString("01234567-89ab-cdef-fedc-ba9876543210"));
        row.put("tags", List.of("a", "b"));
        row.put("doc", Map.of("k", 1L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordDestination.RecordWriter writer = parquet.openWriter(out, settings(Map.of("compression", "ZSTD")), schema)) {
            writer.write(row);
            writer.write(Map.of("id", "u2"));
            writer.commit();
        }
        assertEquals(schema, parquet.discover(new ByteArrayInputStream(out.toByteArray()), settings(Map.of())));
        RecordingSink sink = read(out.toByteArray());
        Map<String, Object> expected = new LinkedHashMap<>(row);
        expected.put("amount", new BigDecimal("-1.500"));
        expected.put("doc", "{\"k\":1}");
        assertEquals(expected, sink.records().get(0).properties());
        ConnectorException e = assertThrows(ConnectorException.class, () -> {
            try (RecordDestination.RecordWriter writer = parquet.openWriter(new ByteArrayOutputStream(), settings(Map.of()), schema)) {
                writer.write(Map.of("n", "seven"));
            }
        });
        assertTrue(e.getMessage().startsWith("column n is int"), e.getMessage());
    }

    /** 100k rows of the fixture's 7 columns, Snappy, read under a 256 MB heap (pom.xml); prints the throughput. */
    @Test
    void aLargeFileIsReadRowGroupByRowGroup() throws Exception {
        int rows = 100_000;
        byte[] file = ParquetFixtures.write(ParquetFixtures.USERS, CompressionCodecName.SNAPPY, writer -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(ParquetFixtures.USERS);
            for (int i = 0; i < rows; i++) {
                writer.write(groups.newGroup().append("id", "u" + i).append("email", "user" + i + "@example.com")
                        .append("first_name", "Name " + (i % 1000)).append("score", i * 7L).append("vip", i % 2 == 0)
                        .append("birth_date", i % 20_000).append("updated_at", 1_772_359_200_000L + i));
            }
        });
        long[] seen = {0};
        RecordSink sink = new RecordSink() {
            @Override public void accept(SourceRecord record) { seen[0]++; }
            @Override public void reject(String key, String message) { throw new AssertionError(key + ": " + message); }
            @Override public boolean cancelled() { return false; }
        };
        long start = System.nanoTime();
        parquet.read(new ByteArrayInputStream(file), settings(Map.of()), sink);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Parquet: %d rows x 7 columns (%d KB, Snappy) read in %d ms (%d rows/s)%n", rows, file.length / 1024,
                millis, rows * 1000L / Math.max(1, millis));
        assertEquals(rows, seen[0]);
    }
}
