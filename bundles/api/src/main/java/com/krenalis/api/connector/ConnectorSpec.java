package com.krenalis.api.connector;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.settings.SettingsSpec;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector is and what settings it takes.
 *
 * @param code        stable identifier, lower case ({@code [a-z][a-z0-9-]*}), unique among installed connectors;
 *                    connections refer to their connector by it
 * @param name        display name
 * @param kinds       what it connects to (at least one)
 * @param description one sentence for a person choosing a connector
 * @param settings    the settings a connection of this connector takes
 * @param pipelineSettings the settings each pipeline of such a connection gives to say what to read (a database
 *                    source's query, identity column and updated-at column); none for most connectors. The server
 *                    validates a pipeline's {@code source} object against it and passes the result in
 *                    {@link ReadRequest#pipelineSettings()}
 */
public record ConnectorSpec(String code, String name, Set<ConnectorKind> kinds, String description,
                            SettingsSpec settings, SettingsSpec pipelineSettings) {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public ConnectorSpec {
        requireNonNull(code, "code");
        requireNonNull(name, "name");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("invalid connector code '" + code + "': use [a-z][a-z0-9-]*");
        }
        kinds = Set.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a connector has at least one kind");
        }
        description = description == null ? "" : description;
        settings = settings == null ? SettingsSpec.none() : settings;
        pipelineSettings = pipelineSettings == null ? SettingsSpec.none() : pipelineSettings;
    }

    /** A connector whose pipelines take no settings of their own. */
    public ConnectorSpec(String code, String name, Set<ConnectorKind> kinds, String description, SettingsSpec settings) {
        this(code, name, kinds, description, settings, null);
    }
}
