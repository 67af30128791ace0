package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.types.Type;
import com.krenalis.connector.jdbc.ResultColumns;
import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
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

    /** The metadata of a result with these columns, as the driver would describe it. */
    private static ResultSetMetaData metaData(SnowflakeColumn... columns) {
        return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
                    SnowflakeColumn c = args == null ? null : columns[(Integer) args[0] - 1];
                    return switch (method.getName()) {
                        case "getColumnCount" -> columns.length;
                        case "getColumnLabel" -> c.name();
                        case "getColumnTypeName" -> c.typeName();
                        case "getColumnType" -> c.jdbcType();
                        case "getPrecision" -> c.precision();
                        case "getScale" -> c.scale();
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static ResultColumns columns(SnowflakeColumn... columns) throws Exception {
        return ResultColumns.of(new SnowflakeDialect(), metaData(columns), columns.length);
    }

    @Test
    void unquotedUpperCaseNamesBecomeLowerCasePropertiesAndSettingsMayUseEither() throws Exception {
        SnowflakeDialect dialect = new SnowflakeDialect();
        assertEquals("updated_at", dialect.propertyName("UPDATED_AT"));
        assertEquals("firstName", dialect.propertyName("firstName"));
        assertEquals("count___", dialect.propertyName("COUNT(*)"), "as every database source names such a column");
        ResultColumns columns = columns(new SnowflakeColumn("ID", "VARCHAR", Types.VARCHAR, 10, 0),
                new SnowflakeColumn("UPDATED_AT", "TIMESTAMPNTZ", Types.TIMESTAMP, 0, 3));
        assertEquals("ID", columns.require("identityColumn", "id", false).name());
        assertEquals("ID", columns.require("identityColumn", "ID", false).name());
        assertEquals("UPDATED_AT", columns.require("updatedAtColumn", "updated_at", true).name());
        assertEquals(List.of("id", "updated_at"),
                columns.schema().properties().stream().map(p -> p.name()).toList());
    }

    @Test
    void badColumnsAreNamed() throws Exception {
        ResultColumns columns = columns(new SnowflakeColumn("ID", "VARCHAR", Types.VARCHAR, 10, 0),
                new SnowflakeColumn("EMAIL", "VARCHAR", Types.VARCHAR, 10, 0),
                new SnowflakeColumn("BORN", "DATE", Types.DATE, 0, 0));
        ConnectorException missing = assertThrows(ConnectorException.class,
                () -> columns.require("identityColumn", "user_id", false));
        assertTrue(missing.getMessage().contains("'user_id' is not a column of the query"), missing.getMessage());
        ConnectorException notTime = assertThrows(ConnectorException.class,
                () -> columns.require("updatedAtColumn", "email", true));
        assertTrue(notTime.getMessage().contains("must be a DATE or a TIMESTAMP"), notTime.getMessage());
        assertEquals("BORN", columns.require("updatedAtColumn", "born", true).name(), "a DATE may be the updated-at");
        ConnectorException twice = assertThrows(ConnectorException.class, () -> columns(
                new SnowflakeColumn("ID", "VARCHAR", Types.VARCHAR, 0, 0), new SnowflakeColumn("id", "VARCHAR", Types.VARCHAR, 0, 0)));
        assertTrue(twice.getMessage().contains("both become property 'id'"), twice.getMessage());
    }
}
