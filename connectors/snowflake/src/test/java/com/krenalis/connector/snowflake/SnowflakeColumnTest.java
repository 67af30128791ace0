package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.types.Type;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type mapping, from what the driver's ResultSetMetaData reports, and how settings name columns. */
class SnowflakeColumnTest {

    private static Type map(String typeName, int jdbcType, int precision, int scale) {
        return new SnowflakeColumn("C", typeName, jdbcType, precision, scale).type();
    }

    @Test
    void numbersAreIntegersUpTo18DigitsWithoutScaleElseDecimals() {
        assertEquals(Type.int64(), map("NUMBER", Types.BIGINT, 18, 0));
        assertEquals(Type.int64(), map("NUMBER", Types.BIGINT, 9, 0));
        assertEquals(Type.decimal(19, 0), map("NUMBER", Types.DECIMAL, 19, 0));
        assertEquals(Type.decimal(38, 0), map("NUMBER", Types.DECIMAL, 38, 0), "INT is NUMBER(38,0) in Snowflake");
        assertEquals(Type.decimal(10, 2), map("NUMBER", Types.DECIMAL, 10, 2));
        assertEquals(Type.float64(), map("DOUBLE", Types.DOUBLE, 0, 0));
        assertEquals(Type.float64(), map("FLOAT", Types.DOUBLE, 0, 0));
    }

    @Test
    void textKeepsADeclaredLength() {
        assertEquals(Type.string(254), map("VARCHAR", Types.VARCHAR, 254, 0));
        assertEquals(Type.string(), map("VARCHAR", Types.VARCHAR, 16_777_216, 0));
        assertEquals(Type.string(), map("TEXT", Types.VARCHAR, 0, 0));
        assertEquals(Type.string(), map("BINARY", Types.BINARY, 8_388_608, 0), "BINARY is its hex text");
        assertEquals(Type.string(), map("GEOGRAPHY", Types.VARCHAR, 0, 0));
    }

    @Test
    void timesAndStructures() {
        assertEquals(Type.bool(), map("BOOLEAN", Types.BOOLEAN, 0, 0));
        assertEquals(Type.date(), map("DATE", Types.DATE, 0, 0));
        assertEquals(Type.time(), map("TIME", Types.TIME, 0, 9));
        for (String ts : List.of("TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP_LTZ", "TIMESTAMPTZ", "TIMESTAMP_TZ")) {
            assertEquals(Type.datetime(), map(ts, Types.TIMESTAMP, 0, 3), ts);
        }
        assertEquals(Type.json(), map("VARIANT", Types.VARCHAR, 0, 0));
        assertEquals(Type.json(), map("OBJECT", Types.VARCHAR, 0, 0));
        assertEquals(Type.array(Type.json()), map("ARRAY", Types.VARCHAR, 0, 0));
        assertEquals(Type.int64(), map("SOMETHING_NEW", Types.BIGINT, 0, 0), "an unknown name falls back on the JDBC type");
        assertEquals(Type.string(), map("VECTOR", Types.OTHER, 0, 0));
    }

    @Test
    void updatedAtKinds() {
        assertEquals(SnowflakeSql.TimeKind.TIMESTAMP_NTZ, new SnowflakeColumn("U", "TIMESTAMPNTZ", Types.TIMESTAMP, 0, 3).timeKind());
        assertEquals(SnowflakeSql.TimeKind.TIMESTAMP_TZ, new SnowflakeColumn("U", "TIMESTAMPLTZ", Types.TIMESTAMP, 0, 3).timeKind());
        assertEquals(SnowflakeSql.TimeKind.TIMESTAMP_TZ, new SnowflakeColumn("U", "TIMESTAMPTZ", Types.TIMESTAMP, 0, 3).timeKind());
        assertEquals(SnowflakeSql.TimeKind.DATE, new SnowflakeColumn("U", "DATE", Types.DATE, 0, 0).timeKind());
        assertNull(new SnowflakeColumn("U", "VARCHAR", Types.VARCHAR, 0, 0).timeKind());
    }

    @Test
    void unquotedUpperCaseNamesBecomeLowerCasePropertiesAndSettingsMayUseEither() throws Exception {
        assertEquals("updated_at", new SnowflakeColumn("UPDATED_AT", "DATE", 0, 0, 0).propertyName());
        assertEquals("firstName", new SnowflakeColumn("firstName", "TEXT", 0, 0, 0).propertyName());
        List<SnowflakeColumn> columns = List.of(new SnowflakeColumn("ID", "VARCHAR", Types.VARCHAR, 10, 0),
                new SnowflakeColumn("UPDATED_AT", "TIMESTAMPNTZ", Types.TIMESTAMP, 0, 3));
        assertEquals("ID", QueryColumns.of(columns, "id", "updated_at").identity().name());
        assertEquals("UPDATED_AT", QueryColumns.of(columns, "ID", "UPDATED_AT").updatedAt().name());
        assertEquals(List.of("id", "updated_at"),
                QueryColumns.of(columns, "id", null).schema().properties().stream().map(p -> p.name()).toList());
    }

    @Test
    void badColumnsAreNamed() {
        List<SnowflakeColumn> columns = List.of(new SnowflakeColumn("ID", "VARCHAR", Types.VARCHAR, 10, 0),
                new SnowflakeColumn("EMAIL", "VARCHAR", Types.VARCHAR, 10, 0));
        ConnectorException missing = assertThrows(ConnectorException.class, () -> QueryColumns.of(columns, "user_id", null));
        assertTrue(missing.getMessage().contains("'user_id' is not a column of the query"), missing.getMessage());
        ConnectorException notTime = assertThrows(ConnectorException.class, () -> QueryColumns.of(columns, "id", "email"));
        assertTrue(notTime.getMessage().contains("must be a DATE or a TIMESTAMP"), notTime.getMessage());
        ConnectorException computed = assertThrows(ConnectorException.class, () -> QueryColumns.of(
                List.of(new SnowflakeColumn("COUNT(*)", "NUMBER", Types.BIGINT, 18, 0)), "id", null));
        assertTrue(computed.getMessage().contains("alias"), computed.getMessage());
        ConnectorException twice = assertThrows(ConnectorException.class, () -> QueryColumns.of(List.of(
                new SnowflakeColumn("ID", "VARCHAR", Types.VARCHAR, 0, 0), new SnowflakeColumn("id", "VARCHAR", Types.VARCHAR, 0, 0)),
                "id", null));
        assertTrue(twice.getMessage().contains("two columns"), twice.getMessage());
    }
}
