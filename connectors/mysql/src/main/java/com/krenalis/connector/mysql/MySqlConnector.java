package com.krenalis.connector.mysql;

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

/** Reads users from MySQL or MariaDB: each pipeline's query, streamed in a read-only transaction. See the README. */
@Component(service = Connector.class)
public final class MySqlConnector extends DatabaseSource {
    /** disable: plain text; require: TLS without checking the certificate; verify-full: TLS, certificate and host. */
    static final List<String> TLS_MODES = List.of("disable", "require", "verify-full");

    static final ConnectorSpec SPEC = new ConnectorSpec("mysql", "MySQL / MariaDB", Set.of(ConnectorKind.DATABASE),
            "Reads users from a MySQL or MariaDB database with a SQL query, in full or incrementally by an updated-at column.",
            SettingsSpec.of(
                    SettingField.string("host", "Host").asRequired().maxLength(253)
                            .matching("[A-Za-z0-9][A-Za-z0-9._-]*|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*",
                                    "a host name or an IP address"),
                    SettingField.integer("port", "Port").range(1, 65535).withDefault(3306),
                    SettingField.string("database", "Database").asRequired().maxLength(64),
                    SettingField.string("username", "User name").asRequired().maxLength(80),
                    SettingField.secret("password", "Password"),
                    SettingField.choice("tls", "TLS", TLS_MODES).withDefault("verify-full")
                            .describedAs("disable: plain text; require: TLS, trusting any certificate; verify-full: "
                                    + "TLS with a certificate signed by an authority the JVM trusts, for this host")),
            DatabasePipeline.SPEC);

    public MySqlConnector() {
        super(SPEC, new MySqlDialect());
    }
}
