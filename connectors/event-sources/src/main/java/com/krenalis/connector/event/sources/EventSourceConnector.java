package com.krenalis.connector.event.sources;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.time.Duration;
import java.util.Set;

/**
 * What every event source shares. An event source reads and writes nothing itself: tracking SDKs (kind
 * {@link ConnectorKind#SDK}) or another CDP's webhook destination ({@link ConnectorKind#WEBHOOK}) post events to the
 * collector, which accepts them for a source connection of one of these connectors that holds the request's write key.
 * So a connector here is a descriptor, and its check says how to point the sender at this server.
 *
 * <p>Each subclass is its own delayed DS component, so that each is listed, and can fail, on its own.
 */
abstract class EventSourceConnector implements Connector {
    static final String WRITE_KEY_HINT =
            "Authenticate with a write key of this connection, created by POST /v1/connections/{id}/event-write-keys.";

    private final ConnectorSpec spec;
    private final String setup;

    /**
     * @param description one sentence naming the official SDK packages or the forwarding destination
     * @param setup       what to configure in the sender, for the check message
     */
    EventSourceConnector(ConnectorKind kind, String code, String name, String description, String setup) {
        this(kind, code, name, description, setup, SettingsSpec.none());
    }

    EventSourceConnector(ConnectorKind kind, String code, String name, String description, String setup,
                         SettingsSpec settings) {
        this.spec = new ConnectorSpec(code, name, Set.of(kind), description, settings);
        this.setup = requireNonNull(setup, "setup");
    }

    @Override
    public final ConnectorSpec spec() {
        return spec;
    }

    /** Nothing to connect to (the sender connects to us): says what the connection accepts and how to send to it. */
    @Override
    public final CheckResult check(Settings settings, Duration timeout) {
        return CheckResult.ok(readiness(settings) + " " + setup + " " + WRITE_KEY_HINT);
    }

    /** The first sentence of the check message: what the connection accepts. */
    String readiness(Settings settings) {
        return "Ready to receive events.";
    }
}
