package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseDriver;
import com.krenalis.api.warehouse.WarehouseException;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The PostgreSQL warehouse driver: a workspace is a schema in a PostgreSQL database. */
@Component(service = WarehouseDriver.class, property = "krenalis.warehouse.driver=postgresql")
public final class PostgresWarehouseDriver implements WarehouseDriver {

    /** Lower-case identifier: what PostgreSQL folds unquoted names to, so the schema reads the same everywhere. */
    static final String SCHEMA_PATTERN = "[a-z_][a-z0-9_]{0,62}";

    static final SettingsSpec SETTINGS = new SettingsSpec(List.of(
            SettingField.string("url", "JDBC URL")
                    .matching("jdbc:postgresql://.+", "a JDBC URL starting with jdbc:postgresql://")
                    .describedAs("Instead of host, port and database: a full JDBC URL"),
            SettingField.string("host", "Host").maxLength(253),
            SettingField.integer("port", "Port").range(1, 65535).withDefault(5432L),
            SettingField.string("database", "Database").maxLength(63),
            SettingField.string("user", "User").asRequired().maxLength(63),
            SettingField.secret("password", "Password"),
            SettingField.string("schema", "Schema").asRequired()
                    .matching(SCHEMA_PATTERN, "a lower-case identifier: letters, digits and _, at most 63 characters"),
            SettingField.choice("sslMode", "SSL mode",
                    List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")).withDefault("prefer"),
            SettingField.integer("maxConnections", "Maximum connections").range(1, 200).withDefault(10L),
            SettingField.integer("connectTimeoutSeconds", "Connect timeout (s)").range(1, 300).withDefault(10L)));

    @Override
    public String code() {
        return "postgresql";
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public SettingsSpec settings() {
        return SETTINGS;
    }

    @Override
    public Warehouse open(Settings settings) throws WarehouseException {
        return new PostgresWarehouse(ConnectionSettings.from(settings));
    }
}
