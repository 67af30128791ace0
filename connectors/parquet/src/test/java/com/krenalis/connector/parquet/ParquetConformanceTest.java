package com.krenalis.connector.parquet;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.types.TypeKind;
import com.krenalis.conformance.FileFormatConformance;
import com.krenalis.conformance.Fixture;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The shared file-format suite on Snappy-compressed files written by parquet's own Group writer. The malformed record
 * of a typed format is a value its Krenalis type cannot hold: here a STRING column whose bytes are not UTF-8.
 */
class ParquetConformanceTest extends FileFormatConformance {

    @Override
    protected Connector connector() {
        return new ParquetConnector();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("compression", "LZO");
    }

    @Override
    protected String invalidField() {
        return "compression";
    }

    @Override
    protected TypeKind expectedKind(String column) {
        return switch (column) {
            case "score" -> TypeKind.INT;
            case "vip" -> TypeKind.BOOLEAN;
            case "birth_date" -> TypeKind.DATE;
            case "updated_at" -> TypeKind.DATETIME;
            default -> TypeKind.STRING;
        };
    }

    @Override
    protected byte[] file(List<Fixture.User> users) throws Exception {
        return ParquetFixtures.users(users, false, CompressionCodecName.SNAPPY);
    }

    @Override
    protected byte[] fileWithMalformedRecord(List<Fixture.User> users) throws Exception {
        return ParquetFixtures.users(users, true, CompressionCodecName.SNAPPY);
    }

    /** A real file cut in half: its footer is gone. */
    @Override
    protected byte[] brokenFile() throws Exception {
        byte[] file = file(Fixture.users());
        return Arrays.copyOf(file, file.length / 2);
    }
}
