package com.krenalis.connector.snowflake;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of a pipeline's query. The driver fetches the result in chunks as the rows are consumed (a few chunks
 * ahead), so memory does not grow with the result.
 */
final class QueryRead {
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);
    /** The longest a query may run on the server before the driver cancels it. */
    static final Duration QUERY_TIMEOUT = Duration.ofHours(1);

    private final Settings settings;
    private final String identityColumn;
    private final String updatedAtColumn;
    private final String query;

    QueryRead(Settings settings, Settings pipeline) {
        this.settings = settings;
        this.identityColumn = pipeline.requireString("identityColumn");
        this.updatedAtColumn = pipeline.string("updatedAtColumn").orElse(null);
        this.query = pipeline.requireString("query");
    }

    /** The query's columns: it runs with LIMIT 0 and only the result's description is read. */
    QueryColumns describe() throws ConnectorException {
        try (Connection connection = SnowflakeSessions.open(settings, LOGIN_TIMEOUT)) {
            return describe(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private QueryColumns describe(Connection connection) throws SQLException, ConnectorException {
        try (PreparedStatement statement = connection.prepareStatement(SnowflakeSql.describe(query))) {
            statement.setQueryTimeout((int) LOGIN_TIMEOUT.toSeconds());
            try (ResultSet rs = statement.executeQuery()) {
                return QueryColumns.of(QueryColumns.describe(rs.getMetaData()), identityColumn, updatedAtColumn);
            }
        }
    }

    ReadResult read(String cursorText, RecordSink sink) throws ConnectorException {
        ReadCursor cursor = null;
        if (cursorText != null) {
            if (updatedAtColumn == null) {
                throw new ConnectorException("an incremental read needs an updated-at column: set updatedAtColumn in "
                        + "the pipeline, or run a full read");
            }
            cursor = ReadCursor.decode(cursorText);
        }
        try (Connection connection = SnowflakeSessions.open(settings, LOGIN_TIMEOUT)) {
            QueryColumns columns = describe(connection);
            String identity = columns.identity().name();
            String updated = columns.updatedAt() == null ? null : columns.updatedAt().name();
            String sql = cursor == null ? SnowflakeSql.fullRead(query, identity, updated)
                    : SnowflakeSql.incrementalRead(query, identity, updated, columns.updatedAt().timeKind());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout((int) QUERY_TIMEOUT.toSeconds());
                if (cursor != null) {
                    List<String> values = SnowflakeSql.cursorParameters(cursor, columns.updatedAt().timeKind());
                    for (int i = 0; i < values.size(); i++) {
                        statement.setString(i + 1, values.get(i));
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    ReadCursor last = stream(rs, columns, sink);
                    ReadCursor next = last != null ? last : cursor;
                    return new ReadResult(updatedAtColumn == null || next == null ? null : next.encode(), -1);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Delivers the rows; returns the cursor of the last record delivered with an updated-at, or null. */
    private static ReadCursor stream(ResultSet rs, QueryColumns columns, RecordSink sink) throws SQLException {
        List<SnowflakeColumn> list = columns.columns();
        ReadCursor last = null;
        long row = 0;
        while (!sink.cancelled() && rs.next()) {
            row++;
            Map<String, Object> properties = new LinkedHashMap<>();
            String failure = null;
            for (int i = 0; i < list.size(); i++) {
                SnowflakeColumn c = list.get(i);
                try {
                    properties.put(c.propertyName(), ColumnMapping.valueOf(c, rs.getString(i + 1)));
                } catch (RuntimeException e) {
                    failure = "column '" + c.propertyName() + "': " + e.getMessage();
                    break;
                }
            }
            if (failure != null) {
                sink.reject("row " + row, failure);
                continue;
            }
            Object identity = properties.get(columns.identity().propertyName());
            if (identity == null) {
                sink.reject("row " + row, "identity column '" + columns.identity().propertyName() + "' is null");
                continue;
            }
            String id = identity instanceof BigDecimal d ? d.toPlainString() : identity.toString();
            Instant updatedAt = null;
            if (columns.updatedAt() != null) {
                Object value = properties.get(columns.updatedAt().propertyName());
                updatedAt = value instanceof java.time.LocalDate d ? d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        : (Instant) value;
            }
            sink.accept(new SourceRecord(id, updatedAt, properties));
            if (updatedAt != null) {
                last = new ReadCursor(updatedAt, id);
            }
        }
        return last;
    }

    private ConnectorException failure(SQLException e) {
        return new ConnectorException("Snowflake could not run the query: " + SnowflakeErrors.message(e, settings), e);
    }
}
