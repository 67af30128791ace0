package com.krenalis.core.internal.bootstrap;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.PlatformStatus;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.core.internal.config.PlatformConfig;
import com.krenalis.core.internal.keys.ApiKeyServiceImpl;
import com.krenalis.core.internal.store.MetadataDatabase;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a new server usable and says when it is: on first start it creates the organization, a default workspace on
 * the default warehouse and an admin API key (printed once); on every start it ensures the configured admin key
 * exists. The server is healthy once this is done and the metadata store answers.
 *
 * <p>Runs on its own thread because the default workspace needs the PostgreSQL driver, which the extension catalog
 * activates asynchronously.
 */
@Component(service = PlatformStatus.class, configurationPid = PlatformConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class Bootstrap implements PlatformStatus {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    private static final long RETRY_MILLIS = 250;
    private static final long GIVE_UP_MILLIS = 120_000;
    /** The condition registered once start-up has completed. */
    public static final String READY_CONDITION = "krenalis.ready";

    private final PlatformConfig config;
    private final MetadataDatabase db;
    private final WorkspaceServiceImpl workspaces;
    private final ApiKeyServiceImpl keys;
    private final String version;
    private final Instant startedAt = Instant.now();
    private final Thread worker;
    private final BundleContext context;
    private volatile boolean ready;
    private volatile ServiceRegistration<Condition> readyCondition;

    @Activate
    public Bootstrap(PlatformConfig config, BundleContext context, @Reference MetadataDatabase db,
                     @Reference WorkspaceServiceImpl workspaces, @Reference ApiKeyServiceImpl keys) {
        this.config = requireNonNull(config);
        this.db = requireNonNull(db);
        this.workspaces = requireNonNull(workspaces);
        this.keys = requireNonNull(keys);
        this.context = context;
        this.version = context.getBundle().getVersion().toString();
        this.worker = new Thread(this::runUntilDone, "krenalis-bootstrap");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void runUntilDone() {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                bootstrap();
                ready = true;
                signalReady();
                String url = config.publicUrl();
                LOG.info("Krenalis {} is ready: admin API {}/v1 (health {}/v1/health, OpenAPI {}/v1/openapi.json)",
                        version, url, url, url);
                return;
            } catch (UnavailableException e) {
                if (System.currentTimeMillis() > deadline) {
                    LOG.error("Start-up could not complete: {}", e.getMessage());
                    return;
                }
                sleep();
            } catch (RuntimeException e) {
                LOG.error("Start-up failed: {}", e.getMessage(), e);
                return;
            }
        }
    }

    private void bootstrap() {
        long org = db.transaction(ServerState::organization);
        Principal system = new Principal(0, org, null);
        if (!db.transaction(c -> ServerState.isSet(c, ServerState.DEFAULT_WORKSPACE_CREATED))) {
            if (!workspaces.anyWorkspace(org)) {
                workspaces.create(system, "Default", null);
            }
            db.transaction(c -> ServerState.set(c, ServerState.DEFAULT_WORKSPACE_CREATED));
        }
        String configuredKey = config._adminKey();
        if (!configuredKey.isEmpty()) {
            if (keys.ensure(org, "Initial admin key (KRENALIS_ADMIN_KEY)", configuredKey)) {
                LOG.info("Created the admin API key given in KRENALIS_ADMIN_KEY");
            }
        } else if (!db.transaction(c -> ServerState.isSet(c, ServerState.INITIAL_KEY_CREATED))) {
            String token = keys.createInitial(org, "Initial admin key");
            db.transaction(c -> ServerState.set(c, ServerState.INITIAL_KEY_CREATED));
            LOG.warn("\n\n    Admin API key (shown once; store it now): {}\n    Use it as: Authorization: Bearer {}\n", token, token);
        }
    }

    /**
     * Registers the {@value #READY_CONDITION} condition: the launcher starts the connectors and engines once it
     * appears, so that they do not compete with start-up for the cores.
     */
    private void signalReady() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Condition.CONDITION_ID, READY_CONDITION);
        try {
            readyCondition = context.registerService(Condition.class, Condition.INSTANCE, props);
        } catch (IllegalStateException stopping) {
            // the bundle is stopping
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean healthy() {
        return ready && db.ping();
    }

    /** Whether start-up has completed (health also needs the database to answer). */
    public boolean ready() {
        return ready;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Deactivate
    void stop() throws InterruptedException {
        worker.interrupt();
        worker.join(5_000);
        ServiceRegistration<Condition> r = readyCondition;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered with the bundle
            }
        }
    }
}
