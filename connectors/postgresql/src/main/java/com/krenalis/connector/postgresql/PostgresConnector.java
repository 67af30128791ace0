package com.krenalis.connector.postgresql;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.connector.database.DatabasePipeline;
import com.krenalis.connector.jdbc.DatabaseSource;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Reads users from PostgreSQL: each pipeline's query, streamed in a read-only transaction. See the README. */
@Component(service = Connector.class)
public final class PostgresConnector extends DatabaseSource {
    /** libpq's SSL modes, which the JDBC driver shares; "prefer" tries TLS and falls back to plain text. */
    static final List<String> SSL_MODES = List.of("disable", "prefer", "require", "verify-ca", "verify-full");

    static final ConnectorSpec SPEC = new ConnectorSpec("postgresql", "PostgreSQL", Set.of(ConnectorKind.DATABASE),
            "Reads users from a PostgreSQL database with a SQL query, in full or incrementally by an updated-at column.",
            SettingsSpec.of(
                    SettingField.string("host", "Host").asRequired().maxLength(253)
                            .matching("[A-Za-z0-9][A-Za-z0-9._-]*|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*",
                                    "a host name or an IP address"),
                    SettingField.integer("port", "Port").range(1, 65535).withDefault(5432),
                    SettingField.string("database", "Database").asRequired().maxLength(63),
                    SettingField.string("username", "User name").asRequired().maxLength(63),
                    SettingField.secret("password", "Password"),
                    SettingField.string("schema", "Schema").maxLength(63)
                            .describedAs("The schema the query's unqualified table names are looked up in "
                                    + "(search_path); empty for the database's default"),
                    SettingField.choice("sslMode", "TLS", SSL_MODES).withDefault("prefer")
                            .describedAs("disable: plain text; prefer: TLS when the server offers it; require: TLS; "
                                    + "verify-ca / verify-full: TLS with a certificate signed by a trusted authority "
                                    + "(verify-full also checks the host name)")),
            DatabasePipeline.SPEC);

    public PostgresConnector() {
        super(SPEC, new PostgresDialect());
    }
}
