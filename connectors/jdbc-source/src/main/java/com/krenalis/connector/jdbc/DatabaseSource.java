package com.krenalis.connector.jdbc;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.connector.database.DatabasePipeline;
import com.krenalis.connector.database.ReadCursor;
import com.krenalis.connector.database.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A database read as a record source: each pipeline's query, streamed in a read-only transaction (see the modules'
 * READMEs). Subclasses give the spec and the {@link SqlDialect}; they hold no state, like this class.
 */
public abstract class DatabaseSource implements Connector, RecordSource {
    /** Discovery waits this long for the database's answer. Connecting and reading: see the dialect. */
    static final Duration DISCOVER_TIMEOUT = Duration.ofSeconds(60);

    private final ConnectorSpec spec;
    private final SqlDialect dialect;
    private final QuerySql sql;

    protected DatabaseSource(ConnectorSpec spec, SqlDialect dialect) {
        this.spec = requireNonNull(spec, "spec");
        this.dialect = requireNonNull(dialect, "dialect");
        this.sql = new QuerySql(dialect);
    }

    @Override
    public final ConnectorSpec spec() {
        return spec;
    }

    @Override
    public final boolean supportsIncremental() {
        return true;
    }

    /**
     * Checks {@link #validate} first; then connects, authenticates and runs {@code SELECT 1} (then the dialect's own
     * checks), on a thread of its own so that the answer comes within {@code timeout} whatever the network does; the
     * driver's own timeouts end the thread soon after.
     */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        List<FieldError> invalid = validate(settings);
        if (!invalid.isEmpty()) {
            return CheckResult.failed(invalid.get(0).field(), invalid.get(0).message());
        }
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> result.complete(checkNow(settings, timeout)), "krenalis-database-check");
        worker.setDaemon(true);
        worker.start();
        try {
            CheckResult r = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CheckResult(r.ok(), Secrets.redact(r.message(), settings), r.field());
        } catch (TimeoutException e) {
            CheckResult r = dialect.noAnswer(settings, timeout);
            return new CheckResult(r.ok(), Secrets.redact(r.message(), settings), r.field());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("the check was interrupted");
        } catch (ExecutionException e) {
            return CheckResult.failed("the check failed: " + Secrets.redact(String.valueOf(e.getCause()), settings));
        }
    }

    private CheckResult checkNow(Settings settings, Duration timeout) {
        try (Connection c = dialect.connect(settings, timeout, timeout); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            s.execute("SELECT 1");
            CheckResult more = dialect.verify(c, settings);
            return more != null ? more : CheckResult.ok("connected and ran a query");
        } catch (SQLException e) {
            return dialect.explain(e, settings);
        } catch (RuntimeException e) {
            return CheckResult.failed("the check failed: " + e.getMessage());
        }
    }

    @Override
    public ObjectType discover(Settings settings, Settings pipelineSettings) throws ConnectorException {
        DatabasePipeline pipeline = DatabasePipeline.of(pipelineSettings);
        try (Connection c = dialect.connect(settings, dialect.connectTimeout(), DISCOVER_TIMEOUT)) {
            dialect.beginReadOnly(c);
            try {
                return describe(c, pipeline).schema();
            } finally {
                endQuietly(c);
            }
        } catch (SQLException e) {
            throw failure("the query failed", e, settings);
        }
    }

    /** The query's columns, without reading a row; the pipeline's columns must be among them. */
    private ResultColumns describe(Connection c, DatabasePipeline pipeline) throws SQLException, ConnectorException {
        try (PreparedStatement s = dialect.prepareDescribe(c, sql.discover(pipeline.query()), DISCOVER_TIMEOUT);
             ResultSet rs = s.executeQuery()) {
            ResultColumns columns = ResultColumns.of(dialect, rs.getMetaData(), rs.getMetaData().getColumnCount());
            columns.require("identityColumn", pipeline.identityColumn(), false);
            if (pipeline.updatedAtColumn() != null) {
                columns.require("updatedAtColumn", pipeline.updatedAtColumn(), true);
            }
            return columns;
        }
    }

    @Override
    public ReadResult read(ReadRequest request, RecordSink sink) throws ConnectorException {
        DatabasePipeline pipeline = DatabasePipeline.of(request.pipelineSettings());
        ReadCursor from = pipeline.cursor(request.cursor());
        ReadResult[] cancelled = {null};
        try (Connection c = dialect.connect(request.settings(), dialect.connectTimeout(), dialect.readTimeout())) {
            dialect.beginReadOnly(c);
            ColumnType updatedAtType = null;
            if (dialect.resolvesColumnNames()) {
                // The pipeline may name columns by property: the SQL needs their exact names (and the cursor's
                // parameter the updated-at column's type).
                ResultColumns columns = describe(c, pipeline);
                ResultColumns.Column identity = columns.require("identityColumn", pipeline.identityColumn(), false);
                ResultColumns.Column updatedAt = pipeline.updatedAtColumn() == null ? null
                        : columns.require("updatedAtColumn", pipeline.updatedAtColumn(), true);
                pipeline = new DatabasePipeline(pipeline.query(), identity.name(),
                        updatedAt == null ? null : updatedAt.name());
                updatedAtType = updatedAt == null ? null : updatedAt.type();
            }
            Comparator<String> order = from == null && pipeline.updatedAtColumn() != null
                    ? dialect.identityOrder(c) : null;
            String select = sql.read(pipeline, from != null, updatedAtType, order == null);
            try (PreparedStatement s = dialect.prepareStreaming(c, select)) {
                if (from != null) {
                    dialect.bindInstant(s, 1, from.updatedAt(), updatedAtType);
                    dialect.bindInstant(s, 2, from.updatedAt(), updatedAtType);
                    s.setString(3, from.identity());
                }
                return stream(s, pipeline, from, order, sink, cancelled);
            } finally {
                endQuietly(c);
            }
        } catch (SQLException e) {
            if (cancelled[0] != null) {
                return cancelled[0]; // closing what the dialect abandoned may fail; the records delivered stand
            }
            throw failure("reading failed", e, request.settings());
        }
    }

    /**
     * Delivers the rows. Without {@code unorderedBy}, rows come in cursor order and the cursor is that of the last
     * record delivered; with it (a full read left unsorted), the cursor is the greatest pair delivered, and a
     * cancelled read keeps the cursor it was given, since records before the greatest may not have come yet.
     */
    private ReadResult stream(PreparedStatement s, DatabasePipeline pipeline, ReadCursor from,
                              Comparator<String> unorderedBy, RecordSink sink, ReadResult[] cancelled)
            throws SQLException, ConnectorException {
        try (ResultSet rs = s.executeQuery()) {
            int identityIndex = rs.getMetaData().getColumnCount();
            ResultColumns columns = ResultColumns.of(dialect, rs.getMetaData(), identityIndex - 1);
            columns.require("identityColumn", pipeline.identityColumn(), false);
            String updatedAt = pipeline.updatedAtColumn() == null ? null
                    : columns.require("updatedAtColumn", pipeline.updatedAtColumn(), true).property();
            ReadCursor last = from;
            long rows = 0;
            while (true) {
                if (sink.cancelled()) {
                    cancelled[0] = new ReadResult(encode(unorderedBy == null ? last : from), -1);
                    dialect.abandon(s);
                    return cancelled[0];
                }
                if (!rs.next()) {
                    break;
                }
                rows++;
                String identity = rs.getString(identityIndex);
                if (identity == null) {
                    sink.reject("row " + rows, "identity column '" + pipeline.identityColumn() + "' is null");
                    continue;
                }
                Map<String, Object> values;
                try {
                    values = columns.values(rs);
                } catch (IllegalArgumentException e) {
                    sink.reject(identity, e.getMessage());
                    continue;
                }
                Instant updated = updatedAt == null ? null : instantOf(values.get(updatedAt));
                sink.accept(new SourceRecord(identity, updated, values));
                if (updated != null && (unorderedBy == null || last == null || updated.isAfter(last.updatedAt())
                        || updated.equals(last.updatedAt()) && unorderedBy.compare(identity, last.identity()) > 0)) {
                    last = new ReadCursor(updated, identity);
                }
            }
            return new ReadResult(pipeline.updatedAtColumn() == null ? null : encode(last), rows);
        }
    }

    /** An updated-at value as an instant: a timestamp as it is, a date as its midnight in UTC. */
    static Instant instantOf(Object value) {
        return value instanceof LocalDate d ? d.atStartOfDay(ZoneOffset.UTC).toInstant() : (Instant) value;
    }

    private static String encode(ReadCursor cursor) {
        return cursor == null ? null : cursor.encode();
    }

    /**
     * Ends the read-only transaction, if the dialect began one (a database without read-only transactions may stay in
     * autocommit); a connection already broken has nothing to end, and the first error counts.
     */
    private static void endQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is closed next anyway
        }
    }

    /** Without the SQLException as cause: a driver's exception chain may hold connection details. */
    private static ConnectorException failure(String what, SQLException e, Settings settings) {
        return new ConnectorException(what + ": " + Secrets.redact(SqlDialect.describe(e), settings));
    }
}
