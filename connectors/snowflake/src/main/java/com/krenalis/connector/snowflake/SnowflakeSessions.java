package com.krenalis.connector.snowflake;

import com.krenalis.api.settings.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import net.snowflake.client.jdbc.SnowflakeDriver;

/** Opens Snowflake sessions with the embedded driver, set up as {@link SnowflakeSql#SESSION} says. */
final class SnowflakeSessions {

    private SnowflakeSessions() {
    }

    /**
     * A session for these settings. The driver is instantiated directly rather than found through DriverManager, which
     * sees only the drivers of the class loader that registered them, not this bundle's.
     */
    static Connection open(Settings settings, Duration loginTimeout) throws SQLException {
        Connection connection = new SnowflakeDriver().connect(SnowflakeSettings.url(settings),
                SnowflakeSettings.properties(settings, loginTimeout));
        if (connection == null) {
            throw new SQLException("the Snowflake driver did not accept the URL " + SnowflakeSettings.url(settings));
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, loginTimeout.toSeconds()));
            statement.execute(SnowflakeSql.SESSION);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
