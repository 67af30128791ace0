package com.krenalis.connector.parquet;

import com.krenalis.conformance.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Test files written with parquet's own example Group writer and its Hadoop codecs (snappy-java, zstd-jni, Hadoop's
 * GZIP), independent of the connector's writer and codecs.
 */
final class ParquetFixtures {
    static final MessageType USERS = MessageTypeParser.parseMessageType("""
            message user {
              required binary id (STRING);
              optional binary email (STRING);
              optional binary first_name (STRING);
              optional int64 score;
              optional boolean vip;
              optional int32 birth_date (DATE);
              optional int64 updated_at (TIMESTAMP(MILLIS,true));
            }""");

    private ParquetFixtures() {
    }

    static byte[] users(List<Fixture.User> users, boolean withBadText, CompressionCodecName codec) throws Exception {
        return write(USERS, codec, writer -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(USERS);
            for (int i = 0; i < users.size(); i++) {
                if (withBadText && i == 2) {
                    // 0xC3 0x28: a UTF-8 lead byte followed by one that cannot continue it
                    writer.write(groups.newGroup().append("id", "u9")
                            .append("first_name", Binary.fromConstantByteArray(new byte[] {(byte) 0xC3, 0x28})));
                }
                Fixture.User u = users.get(i);
                Group g = groups.newGroup().append("id", u.id()).append("email", u.email());
                if (u.firstName() != null) {
                    g.append("first_name", u.firstName());
                }
                if (u.score() != null) {
                    g.append("score", u.score());
                }
                if (u.vip() != null) {
                    g.append("vip", u.vip());
                }
                if (u.birthDate() != null) {
                    g.append("birth_date", (int) u.birthDate().toEpochDay());
                }
                g.append("updated_at", u.updatedAt().toEpochMilli());
                writer.write(g);
            }
        });
    }

    interface Rows {
        void write(ParquetWriter<Group> writer) throws Exception;
    }

    static byte[] write(MessageType schema, CompressionCodecName codec, Rows rows) throws Exception {
        Path file = Files.createTempFile("fixture-", ".parquet");
        try {
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                    .withCompressionCodec(codec).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                rows.write(writer);
            }
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
