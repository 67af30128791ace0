package com.krenalis.connector.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;

/** Reads users from ClickHouse: the rows of a read-only query, in full or from a cursor on an updated-at column. */
@Component(service = Connector.class)
public final class ClickHouseConnector implements Connector, RecordSource {
    private static final ConnectorSpec SPEC = new ConnectorSpec("clickhouse", "ClickHouse", Set.of(ConnectorKind.DATABASE),
            "Imports users from a ClickHouse query, over the HTTP(S) interface, read-only.",
            ClickHouseSettings.CONNECTION, ClickHouseSettings.PIPELINE);

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        return ClickHouseSettings.validate(settings);
    }

    /** Connects, authenticates and runs {@code SELECT 1} in the database, all within the timeout. */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        try (Client client = ClickHouseSettings.client(settings, timeout, timeout)) {
            CompletableFuture<QueryResponse> future = client.query("SELECT 1");
            try (QueryResponse ignored = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return CheckResult.ok("connected to ClickHouse at " + ClickHouseSettings.endpoint(settings));
            } catch (TimeoutException e) {
                future.cancel(true);
                return CheckResult.failed("host", "no answer from " + ClickHouseSettings.endpoint(settings)
                        + " within " + timeout.toSeconds() + " s");
            }
        } catch (ExecutionException e) {
            return ClickHouseErrors.checkFailure(e.getCause(), settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("the check was interrupted");
        } catch (Exception e) {
            return ClickHouseErrors.checkFailure(e, settings);
        }
    }

    @Override
    public ObjectType discover(Settings settings, Settings pipelineSettings) throws ConnectorException {
        return new QueryRead(settings, pipelineSettings).describe().schema();
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    @Override
    public ReadResult read(ReadRequest request, RecordSink sink) throws ConnectorException {
        return new QueryRead(request.settings(), request.pipelineSettings()).read(request.cursor(), sink);
    }
}
