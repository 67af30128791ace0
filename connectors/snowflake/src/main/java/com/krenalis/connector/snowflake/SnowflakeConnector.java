package com.krenalis.connector.snowflake;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.database.DatabasePipeline;
import com.krenalis.connector.jdbc.DatabaseSource;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Reads users from Snowflake: the rows of a query, in full or from a cursor on an updated-at column. The read loop,
 * cursors and SQL around the query are every database source's (jdbc-source); what is Snowflake's is in
 * {@link SnowflakeDialect}, {@link SnowflakeSettings} (key-pair authentication) and {@link SnowflakeSessions}.
 */
@Component(service = Connector.class)
public final class SnowflakeConnector extends DatabaseSource {
    static final ConnectorSpec SPEC = new ConnectorSpec("snowflake", "Snowflake", Set.of(ConnectorKind.DATABASE),
            "Imports users from a Snowflake query, with password or key-pair authentication.",
            SnowflakeSettings.CONNECTION,
            DatabasePipeline.spec("Snowflake has no read-only session: run it under a role that can only read.",
                    "DATE or TIMESTAMP column"));

    public SnowflakeConnector() {
        super(SPEC, new SnowflakeDialect());
    }

    /** Exactly one of password and private key, and a private key that parses (check checks this first). */
    @Override
    public List<FieldError> validate(Settings settings) {
        return SnowflakeSettings.validate(settings);
    }
}
