package com.krenalis.connector.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseColumn;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.database.DatabasePipeline;
import com.krenalis.connector.database.ReadCursor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One read of a pipeline's query: streams the rows the server sends (RowBinaryWithNamesAndTypes, decoded row by row
 * as it arrives, so memory does not grow with the result) and turns each into a record.
 */
final class QueryRead {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The longest wait for the next bytes of a result (a sorted query may compute a while before its first row). */
    static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(10);

    private final Settings settings;
    private final DatabasePipeline pipeline;
    private final String identityColumn;
    private final String updatedAtColumn;
    private final String query;

    QueryRead(Settings settings, Settings pipelineSettings) {
        this.settings = settings;
        this.pipeline = DatabasePipeline.of(pipelineSettings);
        this.identityColumn = pipeline.identityColumn();
        this.updatedAtColumn = pipeline.updatedAtColumn();
        this.query = pipeline.query();
    }

    /** The query's columns, from DESCRIBE: the server plans the query without running it. */
    QueryColumns describe() throws ConnectorException {
        try (Client client = ClickHouseSettings.client(settings, CONNECT_TIMEOUT, SOCKET_TIMEOUT);
             QueryResponse response = await(client.query(ClickHouseSql.describe(query)))) {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            List<String> names = new java.util.ArrayList<>();
            List<String> types = new java.util.ArrayList<>();
            while (reader.hasNext()) {
                reader.next();
                names.add(reader.getString("name"));
                types.add(reader.getString("type"));
            }
            return QueryColumns.of(names, types, identityColumn, updatedAtColumn);
        } catch (ConnectorException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    ReadResult read(String cursorText, RecordSink sink) throws ConnectorException {
        ReadCursor cursor = pipeline.cursor(cursorText);
        String sql = cursor == null ? ClickHouseSql.fullRead(query, identityColumn, updatedAtColumn)
                : ClickHouseSql.incrementalRead(query, identityColumn, updatedAtColumn);
        Map<String, Object> parameters = cursor == null ? Map.of() : ClickHouseSql.cursorParameters(cursor);
        try (Client client = ClickHouseSettings.client(settings, CONNECT_TIMEOUT, SOCKET_TIMEOUT);
             QueryResponse response = await(client.query(sql, parameters, new QuerySettings()))) {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            ReadCursor last = stream(reader, columnsOf(reader.getSchema()), sink);
            ReadCursor next = last != null ? last : cursor;
            return new ReadResult(updatedAtColumn == null || next == null ? null : next.encode(), -1);
        } catch (ConnectorException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    private QueryColumns columnsOf(TableSchema schema) throws ConnectorException {
        List<ClickHouseColumn> columns = schema.getColumns();
        return QueryColumns.of(columns.stream().map(ClickHouseColumn::getColumnName).toList(),
                columns.stream().map(ClickHouseColumn::getOriginalTypeName).toList(), identityColumn, updatedAtColumn);
    }

    /** Delivers the rows; returns the cursor of the last record delivered with an updated-at, or null. */
    private ReadCursor stream(ClickHouseBinaryFormatReader reader, QueryColumns columns, RecordSink sink) {
        ReadCursor last = null;
        long row = 0;
        while (!sink.cancelled() && reader.hasNext()) {
            reader.next();
            row++;
            Map<String, Object> properties = new LinkedHashMap<>();
            String failure = null;
            for (QueryColumns.Column c : columns.columns()) {
                try {
                    properties.put(c.name(), ColumnMapping.valueOf(c.type(), reader.readValue(c.name())));
                } catch (RuntimeException e) {
                    failure = "column '" + c.name() + "': " + e.getMessage();
                    break;
                }
            }
            if (failure != null) {
                sink.reject("row " + row, failure);
                continue;
            }
            Object identity = properties.get(identityColumn);
            if (identity == null) {
                sink.reject("row " + row, "identity column '" + identityColumn + "' is null");
                continue;
            }
            String id = identity instanceof BigDecimal d ? d.toPlainString() : identity.toString();
            Object updated = updatedAtColumn == null ? null : reader.readValue(updatedAtColumn);
            Instant updatedAt = updated == null ? null : ColumnMapping.instant(updated);
            sink.accept(new SourceRecord(id, updatedAt, properties));
            if (updatedAt != null) {
                last = new ReadCursor(updatedAt, id);
            }
        }
        return last;
    }

    private static QueryResponse await(java.util.concurrent.CompletableFuture<QueryResponse> future) throws Exception {
        try {
            return future.get(SOCKET_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    private ConnectorException failure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new ConnectorException("ClickHouse at " + ClickHouseSettings.endpoint(settings) + " could not run the "
                + "query: " + ClickHouseErrors.message(e, settings), e);
    }
}
