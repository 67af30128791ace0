package com.krenalis.connector.snowflake;

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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;

/** Reads users from Snowflake: the rows of a query, in full or from a cursor on an updated-at column. */
@Component(service = Connector.class)
public final class SnowflakeConnector implements Connector, RecordSource {
    private static final ConnectorSpec SPEC = new ConnectorSpec("snowflake", "Snowflake", Set.of(ConnectorKind.DATABASE),
            "Imports users from a Snowflake query, with password or key-pair authentication.",
            SnowflakeSettings.CONNECTION, SnowflakeSettings.PIPELINE);

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        return SnowflakeSettings.validate(settings);
    }

    /**
     * Logs in and checks that the session has the warehouse, database and schema of the settings (Snowflake opens a
     * session without them when they do not exist or the role may not use them). The work runs on its own thread so
     * that the timeout holds whatever the driver's retries.
     */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        List<FieldError> invalid = validate(settings);
        if (!invalid.isEmpty()) {
            return CheckResult.failed(invalid.get(0).field(), invalid.get(0).message());
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "snowflake-check");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<CheckResult> result = worker.submit(() -> context(settings, timeout));
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                return CheckResult.failed("account", "no answer from " + SnowflakeSettings.host(settings) + " within "
                        + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                return SnowflakeErrors.checkFailure(e.getCause(), settings);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.failed("the check was interrupted");
            }
        } finally {
            worker.shutdownNow();
        }
    }

    private static CheckResult context(Settings settings, Duration timeout) throws Exception {
        try (Connection connection = SnowflakeSessions.open(settings, timeout);
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = statement.executeQuery(SnowflakeSql.CONTEXT)) {
                rs.next();
                String[] fields = {"warehouse", "database", "schema"};
                for (int i = 0; i < fields.length; i++) {
                    if (rs.getString(i + 1) == null) {
                        return CheckResult.failed(fields[i], "the " + fields[i] + " '" + settings.requireString(fields[i])
                                + "' does not exist, or the role may not use it");
                    }
                }
            }
            return CheckResult.ok("connected to Snowflake account " + settings.requireString("account"));
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
