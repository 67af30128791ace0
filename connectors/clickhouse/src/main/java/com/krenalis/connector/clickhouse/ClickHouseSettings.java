package com.krenalis.connector.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.enums.Protocol;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.connector.database.DatabasePipeline;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The connection and pipeline settings, and the client they make. */
final class ClickHouseSettings {
    static final int HTTP_PORT = 8123;
    static final int HTTPS_PORT = 8443;
    static final SettingsSpec CONNECTION = SettingsSpec.of(
            SettingField.string("host", "Host").asRequired().maxLength(253)
                    .matching("[A-Za-z0-9][A-Za-z0-9.:-]*", "a host name or IP address, without scheme or port"),
            SettingField.integer("port", "Port").range(1, 65535).withDefault((long) HTTP_PORT)
                    .describedAs("The HTTP interface's port: 8123 for HTTP, 8443 for HTTPS"),
            SettingField.string("database", "Database").asRequired().withDefault("default").maxLength(255)
                    .matching("[^\\x00-\\x1F\\x7F`]+", "a database name, without control characters or backquotes"),
            SettingField.string("username", "User name").asRequired().withDefault("default").maxLength(255)
                    .matching("[^\\x00-\\x1F\\x7F]+", "a user name, without control characters"),
            SettingField.secret("password", "Password"),
            SettingField.bool("tls", "Use TLS (HTTPS)").withDefault(false));

    /** The pipeline settings of every database source, in ClickHouse's words. */
    static final SettingsSpec PIPELINE = DatabasePipeline.spec("It runs read-only (readonly=1).",
            "Date, DateTime or DateTime64 column");

    private ClickHouseSettings() {
    }

    /** The two well-known ports used with the other protocol: the connection could never work. */
    static List<FieldError> validate(Settings settings) {
        List<FieldError> errors = new ArrayList<>();
        long port = settings.requireInteger("port");
        boolean tls = settings.bool("tls");
        if (!tls && port == HTTPS_PORT) {
            errors.add(new FieldError("port", "8443 is ClickHouse's HTTPS port: turn on TLS, or use 8123 for plain HTTP"));
        } else if (tls && port == HTTP_PORT) {
            errors.add(new FieldError("tls", "8123 is ClickHouse's plain HTTP port: use 8443 with TLS, or turn TLS off"));
        }
        return errors;
    }

    static String endpoint(Settings settings) {
        return settings.requireString("host") + ":" + settings.requireInteger("port");
    }

    /**
     * A client for these settings. Every request it sends carries readonly=1, so the server refuses anything but
     * reads whatever the user's query says; connecting and each wait for data are bounded by the timeouts.
     */
    static Client client(Settings settings, Duration connectTimeout, Duration socketTimeout) {
        return new Client.Builder()
                .addEndpoint(Protocol.HTTP, settings.requireString("host"), (int) settings.requireInteger("port"),
                        settings.bool("tls"))
                .setUsername(settings.requireString("username"))
                .setPassword(settings.string("password").orElse(""))
                .setDefaultDatabase(settings.requireString("database"))
                .setConnectTimeout(connectTimeout.toMillis(), ChronoUnit.MILLIS)
                .setConnectionRequestTimeout(connectTimeout.toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(socketTimeout.toMillis(), ChronoUnit.MILLIS)
                .setMaxRetries(0)
                .compressServerResponse(false)
                .serverSetting("readonly", "1")
                .build();
    }
}
