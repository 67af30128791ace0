package com.krenalis.api.connector;

import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A connector: register an implementation as an OSGi service (a DS component with {@code @Component(service =
 * Connector.class)}) in a bundle that imports only {@code com.krenalis.api.*} packages.
 *
 * <p>The service is the connector's descriptor and factory; it holds no per-connection state. The same object may also
 * implement the capability interfaces ({@link RecordSource}, {@link RecordDestination}, {@link FileFormat},
 * {@link FileStorage}); the server discovers them with {@code instanceof}.
 *
 * <p>Keep the component <em>delayed</em> (the DS default for services): the server instantiates connectors on its own
 * threads under a timeout, so a connector that hangs or throws while activating is reported as failed instead of
 * blocking the server.
 */
@ConsumerType
public interface Connector {

    /** Identity, kinds and settings. Called often: return a constant. */
    ConnectorSpec spec();

    /**
     * Checks relations between settings that {@link com.krenalis.api.settings.SettingsSpec} cannot express (each
     * field has already passed its own validation).
     */
    default List<FieldError> validate(Settings settings) {
        return List.of();
    }

    /**
     * Tests the settings against the live system (connect, authenticate, read one row, ...), giving up after
     * {@code timeout}. Explains failures in words a user can act on.
     */
    default CheckResult check(Settings settings, Duration timeout) {
        return CheckResult.ok("settings are valid; this connector has no live check");
    }
}
