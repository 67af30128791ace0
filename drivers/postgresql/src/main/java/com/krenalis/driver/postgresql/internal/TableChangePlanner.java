package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.warehouse.ColumnDefinition;
import com.krenalis.api.warehouse.TableChange;
import com.krenalis.api.warehouse.TableDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans bringing one table to exactly its definition (Warehouse.planChange): unlike {@link SchemaPlanner}, it drops
 * columns the definition lacks and changes column types ({@link ColumnRetype}). Drops come first, then the columns in
 * the definition's order; every identifier is quoted.
 */
final class TableChangePlanner {
    private TableChangePlanner() {
    }

    static TableChange plan(Connection c, String schema, TableDefinition desired) throws SQLException {
        String qSchema = PostgresDialect.quote(schema);
        String qTable = qSchema + "." + PostgresDialect.quote(desired.name());
        List<String> statements = new ArrayList<>();
        List<String> destructive = new ArrayList<>();
        Map<String, String> existing = SchemaPlanner.existingColumns(c, schema).get(desired.name());
        if (existing == null) {
            if (!SchemaPlanner.schemaExists(c, schema)) {
                statements.add("CREATE SCHEMA IF NOT EXISTS " + qSchema);
            }
            statements.add(SchemaPlanner.createTable(qTable, desired));
            return new TableChange(desired.name(), statements, destructive, false);
        }
        for (String column : existing.keySet()) {
            if (desired.columns().stream().noneMatch(d -> d.name().equals(column))) {
                statements.add("ALTER TABLE " + qTable + " DROP COLUMN " + PostgresDialect.quote(column));
                destructive.add("drops column \"" + column + "\" (" + existing.get(column) + ") and its data");
            }
        }
        for (ColumnDefinition column : desired.columns()) {
            String qColumn = PostgresDialect.quote(column.name());
            String want = PostgresTypes.sqlType(column.type());
            String have = existing.get(column.name());
            if (have == null) {
                // Added columns are nullable: existing rows have no value for them.
                statements.add("ALTER TABLE " + qTable + " ADD COLUMN " + qColumn + " " + want);
                continue;
            }
            if (have.equals(want)) {
                continue;
            }
            ColumnRetype.Decision d = ColumnRetype.decide(qColumn, PgColumnType.parse(have), PgColumnType.parse(want));
            switch (d.way()) {
                case WIDEN -> statements.add("ALTER TABLE " + qTable + " ALTER COLUMN " + qColumn + " TYPE " + want);
                case CONVERT -> {
                    statements.add("ALTER TABLE " + qTable + " ALTER COLUMN " + qColumn + " TYPE " + want
                            + " USING " + d.using());
                    destructive.add("converts column \"" + column.name() + "\" from " + have + " to " + want + ": "
                            + d.consequence() + " (a failure leaves everything as it was)");
                }
                case REPLACE -> {
                    statements.add("ALTER TABLE " + qTable + " DROP COLUMN " + qColumn);
                    statements.add("ALTER TABLE " + qTable + " ADD COLUMN " + qColumn + " " + want);
                    destructive.add("replaces column \"" + column.name() + "\" (" + have + ") with an empty " + want
                            + " column: its data is lost");
                }
                default -> throw new IllegalStateException(d.way().toString());
            }
        }
        return new TableChange(desired.name(), statements, destructive, false);
    }
}
