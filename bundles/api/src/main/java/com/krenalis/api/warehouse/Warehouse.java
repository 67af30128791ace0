package com.krenalis.api.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A workspace's warehouse: a connection pool bound to one namespace (schema). Thread-safe.
 *
 * <p>Identifiers that come from configuration or users (namespace, table and column names) are always quoted by the
 * driver; values are always bound, never concatenated into SQL.
 */
@ConsumerType
public interface Warehouse extends AutoCloseable {

    /** The namespace (schema) this warehouse's tables live in, unquoted. */
    String namespace();

    /** Quotes an identifier for this dialect, doubling embedded quote characters. */
    String quote(String identifier);

    /** The namespace-qualified, quoted name of a table, for use in SQL. */
    default String table(String name) {
        return quote(namespace()) + "." + quote(name);
    }

    /** Connects, authenticates and runs a trivial query within the timeout; explains failures. */
    void check(Duration timeout) throws WarehouseException;

    /**
     * The DDL statements that would bring the namespace to the desired tables: create the namespace and missing
     * tables, add missing columns. Never drops or narrows anything. Runs nothing.
     */
    List<String> plan(List<TableDefinition> desired) throws WarehouseException;

    /** Runs {@link #plan} and applies it atomically where the warehouse allows; returns what it ran. */
    List<String> apply(List<TableDefinition> desired) throws WarehouseException;

    /**
     * Plans bringing one table to exactly {@code desired}, which {@link #plan} never does: besides creating the
     * namespace and the table and adding missing columns (nullable), it changes the type of columns whose type
     * differs and drops columns the definition lacks. Widening a type keeps every value and is not destructive;
     * dropping a column, narrowing a type or changing its kind is, and each such part is described in
     * {@link TableChange#destructive()}. Runs nothing. The primary key and the nullability of existing columns are
     * left as they are.
     *
     * <p>The default supports no change at all: drivers implement it for the tables whose shape users decide (the
     * {@code identities} table follows the workspace's user schema).
     *
     * @since 1.0.0
     */
    default TableChange planChange(TableDefinition desired) throws WarehouseException {
        throw new WarehouseException("this warehouse driver cannot change or drop columns");
    }

    /**
     * Plans the change again and runs it in one transaction (atomically where the warehouse allows; PostgreSQL DDL is
     * transactional), serialised with the other DDL of the namespace.
     *
     * @param allowDestructive when false and the plan is destructive, nothing runs and the plan is returned with
     *                         {@link TableChange#applied()} false
     * @param beforeCommit     run after the statements and before the commit, on the same connection, or null; when
     *                         it throws, the whole change is rolled back and the exception propagates (the caller
     *                         records the change elsewhere, atomically with it)
     * @since 1.0.0
     */
    default TableChange applyChange(TableDefinition desired, boolean allowDestructive, UnitOfWork<?> beforeCommit)
            throws WarehouseException {
        throw new WarehouseException("this warehouse driver cannot change or drop columns");
    }

    /**
     * Bulk-loads rows into a table of the namespace with the warehouse's fastest path (COPY for PostgreSQL, staged
     * files for Snowflake), in one transaction.
     *
     * @param columns column names, in the order of each row's values
     * @param rows    values as Java objects matching the columns' types (String, Long, Double, BigDecimal, Boolean,
     *                Instant, LocalDate, LocalTime, UUID; JSON as String)
     * @return the number of rows loaded
     */
    long load(String table, List<String> columns, Iterator<Object[]> rows) throws WarehouseException;

    /**
     * Loads the rows whose key is not in the table yet and skips the others, so that loading the same rows again
     * (a replay after a crash between the warehouse's commit and the caller's bookkeeping) adds nothing. Rows that
     * repeat a key within {@code rows} are loaded once.
     *
     * <p>The default asks which of the keys exist, then {@link #load}s the other rows: two transactions, so it is
     * idempotent only while one writer loads the table at a time. Drivers should override it with one atomic
     * statement (PostgreSQL: COPY into a temporary table, then {@code INSERT ... ON CONFLICT DO NOTHING}).
     *
     * @param keyColumn one of {@code columns}, whose values identify a row and are never null (String or Long values are portable;
     *                  others must be bindable with {@link PreparedStatement#setObject})
     * @return the number of rows loaded (those skipped not counted)
     */
    default long loadNew(String table, List<String> columns, String keyColumn, Iterator<Object[]> rows)
            throws WarehouseException {
        int key = columns.indexOf(keyColumn);
        if (key < 0) {
            throw new IllegalArgumentException("key column " + keyColumn + " is not among the columns " + columns);
        }
        Map<String, Object[]> byKey = new LinkedHashMap<>();
        rows.forEachRemaining(row -> {
            if (row[key] == null) {
                throw new IllegalArgumentException("a row has no value for the key column " + keyColumn);
            }
            byKey.putIfAbsent(String.valueOf(row[key]), row);
        });
        List<Object[]> candidates = List.copyOf(byKey.values());
        Set<String> existing = execute(c -> {
            Set<String> found = new HashSet<>();
            String sql = "SELECT " + quote(keyColumn) + " FROM " + table(table) + " WHERE " + quote(keyColumn) + " IN (";
            for (int from = 0; from < candidates.size(); from += 1000) {
                List<Object[]> chunk = candidates.subList(from, Math.min(from + 1000, candidates.size()));
                String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(sql + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setObject(i + 1, chunk.get(i)[key]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                }
            }
            return found;
        });
        List<Object[]> fresh = candidates.stream().filter(row -> !existing.contains(String.valueOf(row[key]))).toList();
        return fresh.isEmpty() ? 0 : load(table, columns, fresh.iterator());
    }

    /** Runs a unit of work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T execute(UnitOfWork<T> work) throws WarehouseException;

    /** Closes the pool. */
    @Override
    void close();
}
