package com.krenalis.api.warehouse;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
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
     * Bulk-loads rows into a table of the namespace with the warehouse's fastest path (COPY for PostgreSQL, staged
     * files for Snowflake), in one transaction.
     *
     * @param columns column names, in the order of each row's values
     * @param rows    values as Java objects matching the columns' types (String, Long, Double, BigDecimal, Boolean,
     *                Instant, LocalDate, LocalTime, UUID; JSON as String)
     * @return the number of rows loaded
     */
    long load(String table, List<String> columns, Iterator<Object[]> rows) throws WarehouseException;

    /** Runs a unit of work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T execute(UnitOfWork<T> work) throws WarehouseException;

    /** Closes the pool. */
    @Override
    void close();
}
