package com.krenalis.connector.clickhouse;

import com.clickhouse.client.api.ServerException;
import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.database.Secrets;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns what the client throws into words a user can act on, naming the setting to blame, without secrets. */
final class ClickHouseErrors {
    // Server error codes (ClickHouse's ErrorCodes.cpp).
    private static final int UNKNOWN_DATABASE = 81;
    private static final int UNKNOWN_USER = 192;
    private static final int WRONG_PASSWORD = 193;
    private static final int REQUIRED_PASSWORD = 194;
    private static final int AUTHENTICATION_FAILED = 516;

    private ClickHouseErrors() {
    }

    /** The failed check for an error met while connecting and running a trivial query. */
    static CheckResult checkFailure(Throwable error, Settings settings) {
        String endpoint = ClickHouseSettings.endpoint(settings);
        ServerException server = find(error, ServerException.class);
        if (server != null) {
            return switch (server.getCode()) {
                case UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD, AUTHENTICATION_FAILED ->
                        CheckResult.failed("password", "ClickHouse refused the user name or password");
                case UNKNOWN_DATABASE -> CheckResult.failed("database",
                        "ClickHouse has no database '" + settings.requireString("database") + "'");
                default -> CheckResult.failed(message(error, settings));
            };
        }
        if (find(error, UnknownHostException.class) != null) {
            return CheckResult.failed("host", "unknown host '" + settings.requireString("host") + "'");
        }
        if (find(error, SSLException.class) != null) {
            return CheckResult.failed("tls", "the TLS handshake with " + endpoint + " failed: check that the port "
                    + "serves HTTPS and that its certificate is trusted");
        }
        if (find(error, NoRouteToHostException.class) != null || isTimeout(error)) {
            return CheckResult.failed("host", "no answer from " + endpoint + " in time");
        }
        if (find(error, ConnectException.class) != null) {
            return CheckResult.failed("port", "nothing accepts connections at " + endpoint);
        }
        return CheckResult.failed(message(error, settings));
    }

    private static boolean isTimeout(Throwable error) {
        return find(error, TimeoutException.class) != null || find(error, InterruptedIOException.class) != null;
    }

    /** The most telling message of an error, with every secret of the settings, should it ever hold one, masked. */
    static String message(Throwable error, Settings settings) {
        ServerException server = find(error, ServerException.class);
        Throwable telling = server != null ? server : root(error);
        String text = telling.getMessage() == null ? telling.getClass().getSimpleName() : telling.getMessage();
        return Secrets.redact(text, settings);
    }

    private static Throwable root(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
