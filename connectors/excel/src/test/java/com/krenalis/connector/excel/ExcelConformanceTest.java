package com.krenalis.connector.excel;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.types.TypeKind;
import com.krenalis.conformance.FileFormatConformance;
import com.krenalis.conformance.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The shared file-format suite on workbooks written with POI's user model. */
class ExcelConformanceTest extends FileFormatConformance {

    @Override
    protected Connector connector() {
        return new ExcelConnector();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("header", true);
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("sheet", "Users/2026");
    }

    @Override
    protected String invalidField() {
        return "sheet";
    }

    /** Cells are typed: numbers, booleans, date-formatted numbers. */
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
        return Sheets.users(users, false);
    }

    /** A row holding an error cell (#DIV/0!). */
    @Override
    protected byte[] fileWithMalformedRecord(List<Fixture.User> users) throws Exception {
        return Sheets.users(users, true);
    }

    /** Not a zip at all. */
    @Override
    protected byte[] brokenFile() {
        return "id,email\nu1,ada@example.com\n".getBytes(StandardCharsets.UTF_8);
    }
}
