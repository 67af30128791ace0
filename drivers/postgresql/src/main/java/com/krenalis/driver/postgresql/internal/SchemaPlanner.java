package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.warehouse.ColumnDefinition;
import com.krenalis.api.warehouse.TableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the schema's tables with the desired ones and writes the DDL that adds what is missing. It never drops or
 * changes an existing column: a column whose type differs is an error for a person to resolve.
 */
final class SchemaPlanner {
    private SchemaPlanner() {
    }

    static List<String> plan(Connection c, String schema, List<TableDefinition> desired) throws SQLException {
        Map<String, Map<String, String>> existing = existingColumns(c, schema);
        List<String> ddl = new ArrayList<>();
        String qSchema = PostgresDialect.quote(schema);
        if (!schemaExists(c, schema)) {
            ddl.add("CREATE SCHEMA IF NOT EXISTS " + qSchema);
        }
        for (TableDefinition table : desired) {
            String qTable = qSchema + "." + PostgresDialect.quote(table.name());
            Map<String, String> columns = existing.get(table.name());
            if (columns == null) {
                ddl.add(createTable(qTable, table));
                continue;
            }
            for (ColumnDefinition column : table.columns()) {
                String have = columns.get(column.name());
                String want = PostgresTypes.sqlType(column.type());
                if (have == null) {
                    // Added columns are nullable: existing rows have no value for them.
                    ddl.add("ALTER TABLE " + qTable + " ADD COLUMN " + PostgresDialect.quote(column.name()) + " " + want);
                } else if (!have.equals(want)) {
                    throw new SQLException("column " + table.name() + "." + column.name() + " has type " + have
                            + " in the warehouse but " + want + " is expected; change it by hand or rename the property",
                            "42804");
                }
            }
        }
        return ddl;
    }

    static String createTable(String qTable, TableDefinition table) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(qTable).append(" (");
        String sep = "";
        for (ColumnDefinition column : table.columns()) {
            sb.append(sep).append(PostgresDialect.quote(column.name())).append(' ')
                    .append(PostgresTypes.sqlType(column.type()));
            if (!column.nullable()) {
                sb.append(" NOT NULL");
            }
            sep = ", ";
        }
        if (!table.primaryKey().isEmpty()) {
            sb.append(sep).append("PRIMARY KEY (")
                    .append(String.join(", ", table.primaryKey().stream().map(PostgresDialect::quote).toList()))
                    .append(')');
        }
        return sb.append(')').toString();
    }

    static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Column types by column name by table name, in column order, as {@code format_type} writes them. */
    static Map<String, Map<String, String>> existingColumns(Connection c, String schema) throws SQLException {
        String sql = "SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE n.nspname = ? AND cl.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY cl.relname, a.attnum";
        Map<String, Map<String, String>> tables = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return tables;
    }
}
