package com.krenalis.core.internal.connections;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.FileStorage;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.platform.Connection;
import com.krenalis.api.platform.ConnectionService;
import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.EventSourceTarget;
import com.krenalis.api.platform.EventWriteKey;
import com.krenalis.api.platform.ExtensionCatalog;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import com.krenalis.core.internal.common.DisplayName;
import com.krenalis.core.internal.config.PlatformConfig;
import com.krenalis.core.internal.secrets.SecretBox;
import com.krenalis.core.internal.secrets.SettingsCodec;
import com.krenalis.core.internal.store.MetadataDatabase;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** Connections of workspaces, their settings (secrets sealed) and the write keys of event sources. */
@Component(service = {ConnectionService.class, ConnectionServiceImpl.class}, configurationPid = PlatformConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ConnectionServiceImpl implements ConnectionService {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MetadataDatabase db;
    private final WorkspaceServiceImpl workspaces;
    private final ExtensionCatalog catalog;
    private final WriteKeyCache writeKeys;
    private final SettingsCodec codec;
    private final List<ConnectionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public ConnectionServiceImpl(PlatformConfig config, @Reference MetadataDatabase db,
                                 @Reference WorkspaceServiceImpl workspaces, @Reference ExtensionCatalog catalog,
                                 @Reference WriteKeyCache writeKeys) {
        this.db = requireNonNull(db);
        this.workspaces = requireNonNull(workspaces);
        this.catalog = requireNonNull(catalog);
        this.writeKeys = requireNonNull(writeKeys);
        this.codec = new SettingsCodec(new SecretBox(Base64.getDecoder().decode(config._secretKey())));
    }

    @org.osgi.service.component.annotations.Reference(name = "listeners",
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /** A connection with its installed connector and its settings opened (secrets decrypted), for the server's own use. */
    public record Opened(Connection connection, Connector connector, Settings settings) {
    }

    /**
     * Opens a connection of the workspace for a run: never shown to a client (the settings hold secrets in clear).
     *
     * @throws NotFoundException     when the connection does not exist
     * @throws IllegalStateException when its connector is not installed or its stored settings no longer validate
     */
    public Opened open(long workspaceId, long connectionId) {
        ConnectionRow r = db.transaction(c -> ConnectionRepository.find(c, workspaceId, connectionId))
                .orElseThrow(() -> new NotFoundException("no connection " + connectionId + " in workspace " + workspaceId));
        Connector connector = catalog.connector(r.connector()).orElseThrow(() -> new IllegalStateException(
                "connector " + r.connector() + " of connection " + connectionId + " is not installed"));
        try {
            return new Opened(toApi(r), connector, codec.open(connector.spec().settings(), r.settings()));
        } catch (com.krenalis.api.settings.InvalidSettingsException e) {
            throw new IllegalStateException("the settings of connection " + connectionId + " no longer validate: " + e.getMessage(), e);
        }
    }

    /** How long a live check may take; the connector is told so, and is abandoned a little after it if it hangs. */
    static final java.time.Duration CHECK_TIMEOUT = java.time.Duration.ofSeconds(15);
    private final java.util.concurrent.ExecutorService checks = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "krenalis-connection-check");
        t.setDaemon(true);
        return t;
    });

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        checks.shutdownNow();
    }

    @Override
    public com.krenalis.api.connector.CheckResult check(Principal principal, long workspaceId, long id) {
        row(principal, workspaceId, id);
        Opened opened;
        try {
            opened = open(workspaceId, id);
        } catch (IllegalStateException e) {
            return com.krenalis.api.connector.CheckResult.failed(e.getMessage());
        }
        return check(opened.connector(), opened.settings());
    }

    @Override
    public com.krenalis.api.connector.CheckResult check(Principal principal, long workspaceId, String connectorCode,
                                                        Map<String, Object> settings) {
        workspaces.row(principal, workspaceId);
        Connector connector = installed(connectorCode);
        return check(connector, validate(connector, settings, null));
    }

    private com.krenalis.api.connector.CheckResult check(Connector connector, Settings settings) {
        String code = connector.spec().code();
        java.util.concurrent.Future<com.krenalis.api.connector.CheckResult> f = checks.submit(() -> connector.check(settings, CHECK_TIMEOUT));
        try {
            com.krenalis.api.connector.CheckResult r = f.get(CHECK_TIMEOUT.toMillis() + 5000, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (r == null) {
                return com.krenalis.api.connector.CheckResult.failed("the " + code + " connector gave no answer");
            }
            return r.field() == null ? r : new com.krenalis.api.connector.CheckResult(r.ok(), r.message(), "settings." + r.field());
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            return com.krenalis.api.connector.CheckResult.failed("the " + code + " connector did not answer within "
                    + CHECK_TIMEOUT.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            org.slf4j.LoggerFactory.getLogger(ConnectionServiceImpl.class).warn("The {} connector's check threw", code, cause);
            return com.krenalis.api.connector.CheckResult.failed("the " + code + " connector failed to check: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new com.krenalis.api.platform.UnavailableException("interrupted while checking");
        }
    }

    /** Whether the connector receives events (SDK and webhook sources). */
    public static boolean receivesEvents(Connector c) {
        return isEventSource(c);
    }

    @Override
    public List<Connection> list(Principal principal, long workspaceId) {
        workspaces.row(principal, workspaceId);
        return db.transaction(c -> ConnectionRepository.list(c, workspaceId)).stream().map(this::toApi).toList();
    }

    @Override
    public Connection get(Principal principal, long workspaceId, long id) {
        return toApi(row(principal, workspaceId, id));
    }

    private ConnectionRow row(Principal principal, long workspaceId, long id) {
        workspaces.row(principal, workspaceId);
        return db.transaction(c -> ConnectionRepository.find(c, workspaceId, id))
                .orElseThrow(() -> new NotFoundException("no connection " + id + " in workspace " + workspaceId));
    }

    @Override
    public Connection create(Principal principal, long workspaceId, String name, String role, String connectorCode,
                             Map<String, Object> settings) {
        workspaces.row(principal, workspaceId);
        String cleanName = DisplayName.validate(name);
        if (role == null || !Set.of(Connection.SOURCE, Connection.DESTINATION).contains(role)) {
            throw new InvalidInputException("role", "must be source or destination");
        }
        Connector connector = installed(connectorCode);
        if (!supports(connector, role)) {
            throw new InvalidInputException("role", "connector " + connectorCode + " cannot be a " + role);
        }
        Settings valid = validate(connector, settings, null);
        ConnectionRow row = new ConnectionRow(0, workspaceId, cleanName, role, connectorCode, codec.seal(valid), true, null, null);
        long id = uniqueName(() -> db.transaction(c -> ConnectionRepository.insert(c, row)), cleanName);
        Connection created = get(principal, workspaceId, id);
        for (ConnectionListener l : listeners) {
            try {
                l.connectionCreated(created, connector);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConnectionServiceImpl.class).warn(
                        "Connection {} of workspace {}: a listener failed on its creation", id, workspaceId, e);
            }
        }
        return created;
    }

    @Override
    public Connection update(Principal principal, long workspaceId, long id, String name, Boolean enabled,
                             Map<String, Object> settings) {
        ConnectionRow current = row(principal, workspaceId, id);
        String newName = name == null ? current.name() : DisplayName.validate(name);
        Map<String, Object> sealed = current.settings();
        if (settings != null) {
            sealed = codec.seal(validate(installed(current.connector()), settings, current.settings()));
        }
        ConnectionRow updated = new ConnectionRow(id, workspaceId, newName, current.role(), current.connector(), sealed,
                enabled == null ? current.enabled() : enabled, null, null);
        uniqueName(() -> db.transaction(c -> {
            ConnectionRepository.update(c, updated);
            return 0L;
        }), newName);
        writeKeys.evictConnection(id);
        return get(principal, workspaceId, id);
    }

    @Override
    public void delete(Principal principal, long workspaceId, long id) {
        row(principal, workspaceId, id);
        db.transaction(c -> ConnectionRepository.delete(c, workspaceId, id));
        writeKeys.evictConnection(id);
    }

    @Override
    public EventWriteKey createWriteKey(Principal principal, long workspaceId, long connectionId) {
        ConnectionRow row = row(principal, workspaceId, connectionId);
        Connector connector = catalog.connector(row.connector()).orElseThrow(() -> new ConflictException(
                "connector " + row.connector() + " of connection " + connectionId + " is not installed"));
        if (!Connection.SOURCE.equals(row.role()) || !isEventSource(connector)) {
            throw new InvalidInputException("connection", "only event sources (SDK and webhook connectors) have write keys");
        }
        return db.transaction(c -> ConnectionRepository.insertWriteKey(c, connectionId, newWriteKey()));
    }

    @Override
    public List<EventWriteKey> listWriteKeys(Principal principal, long workspaceId, long connectionId) {
        row(principal, workspaceId, connectionId);
        return db.transaction(c -> ConnectionRepository.writeKeys(c, connectionId));
    }

    @Override
    public void deleteWriteKey(Principal principal, long workspaceId, long connectionId, String key) {
        row(principal, workspaceId, connectionId);
        if (!db.transaction(c -> ConnectionRepository.deleteWriteKey(c, connectionId, key))) {
            throw new NotFoundException("no such write key for connection " + connectionId);
        }
        writeKeys.evictKey(key);
    }

    @Override
    public Optional<EventSourceTarget> resolveWriteKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        Optional<EventSourceTarget> cached = writeKeys.get(key, now);
        if (cached != null) {
            return cached;
        }
        Optional<EventSourceTarget> target = db.transaction(c -> ConnectionRepository.target(c, key)).map(t -> {
            // Secrets never leave the store in clear: the collector's policies get them redacted.
            Map<String, Object> redacted = SettingsCodec.redact(catalog.connector(t.connector())
                    .map(cn -> cn.spec().settings()).orElse(null), t.settings());
            return new EventSourceTarget(t.workspaceId(), t.connectionId(), t.connector(), t.enabled(), redacted);
        });
        writeKeys.put(key, target, now);
        return target;
    }

    /** 32 base62 characters (190 random bits), the length of Segment's write keys. */
    static String newWriteKey() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private Connector installed(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("connector", "is required");
        }
        return catalog.connector(code).orElseThrow(() -> new InvalidInputException("connector",
                "no installed connector '" + code + "' (see GET /v1/connectors)"));
    }

    private Settings validate(Connector connector, Map<String, Object> input, Map<String, Object> stored) {
        Settings settings = codec.validate(connector.spec().settings(), input == null ? Map.of() : input, stored, "settings.");
        List<FieldError> errors;
        try {
            errors = connector.validate(settings);
        } catch (RuntimeException e) {
            throw new InvalidInputException("settings", "connector " + connector.spec().code() + " failed to validate them: " + e);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.stream().map(e -> new FieldError("settings." + e.field(), e.message())).toList());
        }
        return settings;
    }

    static boolean isEventSource(Connector c) {
        Set<ConnectorKind> kinds = c.spec().kinds();
        return kinds.contains(ConnectorKind.SDK) || kinds.contains(ConnectorKind.WEBHOOK);
    }

    static boolean supports(Connector c, String role) {
        return Connection.SOURCE.equals(role)
                ? isEventSource(c) || c instanceof RecordSource || c instanceof FileStorage
                : c instanceof RecordDestination || c instanceof FileStorage;
    }

    private static long uniqueName(java.util.function.LongSupplier write, String name) {
        try {
            return write.getAsLong();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ConflictException("a connection named '" + name + "' exists already in this workspace");
            }
            throw e;
        }
    }

    private Connection toApi(ConnectionRow r) {
        Optional<Connector> connector = catalog.connector(r.connector());
        Map<String, Object> settings = SettingsCodec.redact(connector.map(c -> c.spec().settings()).orElse(null), r.settings());
        return new Connection(r.id(), r.workspaceId(), r.name(), r.role(), r.connector(), settings, r.enabled(),
                r.createdAt(), r.updatedAt());
    }
}
