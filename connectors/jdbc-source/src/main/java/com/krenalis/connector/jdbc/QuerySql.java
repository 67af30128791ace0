package com.krenalis.connector.jdbc;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.connector.database.DatabasePipeline;

/**
 * The SQL around the user's query. The query becomes a derived table; the identity and updated-at columns are quoted
 * in the dialect's way, and cursor values are bind parameters, never text in the SQL.
 */
public final class QuerySql {
    /** The derived table's alias. */
    static final String ALIAS = "krenalis_q";

    private final SqlDialect dialect;

    public QuerySql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The query's columns, without reading a row. */
    public String discover(String query) throws ConnectorException {
        return "SELECT * FROM " + derived(query) + " WHERE 1=0";
    }

    /**
     * Every column of the query, then the identity as text. Ordered by (updated-at, identity text) when there is an
     * updated-at column, so that the last record delivered is always the cursor. From a cursor, the rows after it; the
     * parameters are the cursor's instant twice, then its identity.
     */
    public String read(DatabasePipeline pipeline, boolean fromCursor) throws ConnectorException {
        return read(pipeline, fromCursor, null);
    }

    /**
     * As {@link #read(DatabasePipeline, boolean)}, the cursor's instant written as the dialect's
     * {@link SqlDialect#instantParameter} for an updated-at column of this type (null when not described).
     */
    public String read(DatabasePipeline pipeline, boolean fromCursor, ColumnType updatedAtType)
            throws ConnectorException {
        return read(pipeline, fromCursor, updatedAtType, true);
    }

    /**
     * As {@link #read(DatabasePipeline, boolean, ColumnType)}; without {@code ordered}, a full read has no ORDER BY
     * (the caller finds the cursor itself, see {@link SqlDialect#identityOrder}). A read from a cursor is always
     * ordered: a cancelled one then still ends at a cursor that loses nothing.
     */
    public String read(DatabasePipeline pipeline, boolean fromCursor, ColumnType updatedAtType, boolean ordered)
            throws ConnectorException {
        String identity = dialect.textOf(column(pipeline.identityColumn()));
        StringBuilder sql = new StringBuilder("SELECT ").append(ALIAS).append(".*, ").append(identity)
                .append(" AS krenalis_identity FROM ").append(derived(pipeline.query()));
        if (pipeline.updatedAtColumn() != null) {
            String updatedAt = column(pipeline.updatedAtColumn());
            if (fromCursor) {
                String at = dialect.instantParameter(updatedAtType);
                sql.append(" WHERE ").append(updatedAt).append(" > ").append(at).append(" OR (").append(updatedAt)
                        .append(" = ").append(at).append(" AND ").append(identity).append(" > ?)");
            }
            if (ordered || fromCursor) {
                sql.append(" ORDER BY ").append(updatedAt).append(", ").append(identity);
            }
        }
        return sql.toString();
    }

    private String column(String name) {
        return ALIAS + "." + dialect.quote(name);
    }

    /** The query in parentheses, on lines of its own so that a trailing "-- comment" cannot swallow the rest. */
    static String derived(String query) throws ConnectorException {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).stripTrailing();
        }
        if (q.isEmpty()) {
            throw new ConnectorException("the query is empty");
        }
        return "(\n" + q + "\n) " + ALIAS;
    }
}
