package com.krenalis.core.internal.identity;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.profiles.IdentityResolutionService;
import com.krenalis.api.profiles.IdentityResolutionSettings;
import com.krenalis.api.profiles.ResolutionRun;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.schema.SchemaChangeGuard;
import com.krenalis.core.internal.schema.UserSchemas;
import com.krenalis.core.internal.store.MetadataDatabase;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs identity resolution for workspaces, one run per workspace at a time (the metadata database enforces it), in
 * the background, each run one warehouse transaction ({@link PostgresResolution}). A run the server did not finish
 * (crash, kill, stop) is settled at the next start: succeeded if the warehouse's profiles view shows it (the commit
 * happened), failed otherwise — the previous profiles are intact either way and the next run starts clean.
 *
 * <p>Also a {@link SchemaChangeGuard}: a schema change cannot remove or retype an identifier or a property with a
 * primary connection.
 */
@Component(service = {IdentityResolutionService.class, IdentityResolutionServiceImpl.class, SchemaChangeGuard.class})
public final class IdentityResolutionServiceImpl implements IdentityResolutionService, SchemaChangeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityResolutionServiceImpl.class);
    /** Identifiers make a bit mask in the SQL; far more than any sensible setup. */
    static final int MAX_IDENTIFIERS = 30;

    private final MetadataDatabase db;
    private final WorkspaceServiceImpl workspaces;
    private final UserSchemas schemas;
    private final ExecutorService executor;
    /** Workspaces where an import ended while a run was under way: another run follows that one. */
    private final Set<Long> again = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<Long> busy = ConcurrentHashMap.newKeySet(); // workspaces with a run or a rollback under way here
    private volatile boolean stopping;

    @Activate
    public IdentityResolutionServiceImpl(@Reference MetadataDatabase db, @Reference WorkspaceServiceImpl workspaces,
                                         @Reference UserSchemas schemas) {
        this.db = requireNonNull(db);
        this.workspaces = requireNonNull(workspaces);
        this.schemas = requireNonNull(schemas);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "krenalis-identity-resolution");
            t.setDaemon(true);
            return t;
        });
        recover();
    }

    @Deactivate
    public void stop() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    /** Settles the runs a previous process left running. */
    private void recover() {
        try {
            for (ResolutionRun run : db.transaction(RunRepository::running)) {
                boolean published = workspaces.warehouse(run.workspaceId()).map(w -> {
                    try {
                        return w.execute(c -> PostgresResolution.currentRun(c, w.namespace(), w::quote))
                                .filter(id -> id == run.id()).isPresent();
                    } catch (WarehouseException e) {
                        return false;
                    }
                }).orElse(false);
                db.transaction(c -> {
                    RunRepository.ended(c, run.id(), published ? ResolutionRun.State.SUCCEEDED : ResolutionRun.State.FAILED,
                            published ? null : "the server stopped during the run; the previous profiles were kept");
                    return null;
                });
                LOG.info("Identity resolution run {} of workspace {} was left running by the previous process: marked {}",
                        run.id(), run.workspaceId(), published ? "succeeded" : "failed");
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not settle identity resolution runs left running: {}", e.getMessage());
        }
    }

    @Override
    public IdentityResolutionSettings settings(Principal principal, long workspaceId) {
        workspaces.row(principal, workspaceId);
        return db.transaction(c -> RunRepository.settings(c, workspaceId));
    }

    @Override
    public IdentityResolutionSettings updateSettings(Principal principal, long workspaceId, IdentityResolutionSettings s) {
        workspaces.row(principal, workspaceId);
        validate(workspaceId, s);
        db.transaction(c -> {
            RunRepository.saveSettings(c, workspaceId, s);
            return null;
        });
        return s;
    }

    private void validate(long workspaceId, IdentityResolutionSettings s) {
        ObjectType schema = schemas.schema(workspaceId);
        List<FieldError> errors = new ArrayList<>();
        if (s.identifiers().size() > MAX_IDENTIFIERS) {
            errors.add(new FieldError("identifiers", "at most " + MAX_IDENTIFIERS + " identifiers"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < s.identifiers().size(); i++) {
            String name = s.identifiers().get(i);
            Optional<Property> p = schema.property(name);
            if (!seen.add(name)) {
                errors.add(new FieldError("identifiers[" + i + "]", "'" + name + "' is listed twice"));
            } else if (p.isEmpty()) {
                errors.add(new FieldError("identifiers[" + i + "]", "'" + name + "' is not a property of the user schema"));
            } else if (!allowedIdentifier(p.get().type())) {
                errors.add(new FieldError("identifiers[" + i + "]", "'" + name + "' is of type " + p.get().type().kind().jsonName()
                        + "; identifiers must be string, int, decimal with scale 0, uuid or ip"));
            }
        }
        for (Map.Entry<String, List<String>> e : s.blocklist().entrySet()) {
            if (!s.identifiers().contains(e.getKey())) {
                errors.add(new FieldError("blocklist." + e.getKey(), "is not one of the identifiers"));
            } else if (e.getValue() == null || e.getValue().stream().anyMatch(v -> v == null)) {
                errors.add(new FieldError("blocklist." + e.getKey(), "must be a list of strings"));
            }
        }
        if (s.maxIdentitiesPerProfile() < 2) {
            errors.add(new FieldError("maxIdentitiesPerProfile", "must be at least 2"));
        }
        Set<Long> connections = new HashSet<>(s.primaryConnections().values());
        Set<Long> existing = connections.isEmpty() ? Set.of() : db.transaction(c -> {
            Set<Long> found = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM connections WHERE workspace_id = ? AND id = ANY (?)")) {
                ps.setLong(1, workspaceId);
                ps.setArray(2, c.createArrayOf("bigint", connections.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
            return found;
        });
        for (Map.Entry<String, Long> e : s.primaryConnections().entrySet()) {
            if (schema.property(e.getKey()).isEmpty()) {
                errors.add(new FieldError("primaryConnections." + e.getKey(), "is not a property of the user schema"));
            } else if (e.getValue() == null || !existing.contains(e.getValue())) {
                errors.add(new FieldError("primaryConnections." + e.getKey(), "connection " + e.getValue()
                        + " is not a connection of this workspace"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    static boolean allowedIdentifier(Type type) {
        switch (type.kind()) {
            case STRING: case INT: case UUID: case IP:
                return true;
            case DECIMAL:
                return ((DecimalType) type).scale() == 0;
            default:
                return false;
        }
    }

    @Override
    public void check(long workspaceId, ObjectType from, ObjectType to) throws ConflictException {
        IdentityResolutionSettings s = db.transaction(c -> RunRepository.settings(c, workspaceId));
        for (String name : SchemaChangeGuard.removedOrRetyped(from, to)) {
            boolean identifier = s.identifiers().contains(name);
            if (identifier && to.property(name).map(p -> allowedIdentifier(p.type())).orElse(false)) {
                continue; // retyped to another type an identifier may have
            }
            if (identifier) {
                throw new ConflictException("property '" + name + "' is an identity-resolution identifier: remove it from "
                        + "the identifiers first");
            }
            if (s.primaryConnections().containsKey(name) && to.property(name).isEmpty()) {
                throw new ConflictException("property '" + name + "' has a primary connection in the identity-resolution "
                        + "settings: remove it there first");
            }
        }
    }

    @Override
    public ResolutionRun start(Principal principal, long workspaceId) {
        workspaces.row(principal, workspaceId);
        return start(workspaceId);
    }

    /** Starts a run unless one is running; for callers inside the core (after an import). */
    public ResolutionRun start(long workspaceId) {
        if (stopping) {
            throw new com.krenalis.api.platform.UnavailableException("the server is stopping");
        }
        if (!busy.add(workspaceId)) {
            throw new ConflictException("identity resolution is running (or being rolled back) for this workspace");
        }
        long runId;
        try {
            runId = db.transaction(c -> RunRepository.start(c, workspaceId));
        } catch (RuntimeException e) {
            busy.remove(workspaceId);
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ConflictException("identity resolution is running for this workspace");
            }
            throw e;
        }
        try {
            executor.execute(() -> execute(workspaceId, runId));
        } catch (RuntimeException e) {
            busy.remove(workspaceId);
            db.transaction(c -> {
                RunRepository.ended(c, runId, ResolutionRun.State.FAILED, "the server is stopping");
                return null;
            });
            throw new com.krenalis.api.platform.UnavailableException("the server is stopping");
        }
        return db.transaction(c -> RunRepository.run(c, workspaceId, runId)).orElseThrow();
    }

    /** Starts a run after a successful import when the settings say so; after the one under way, if there is one. */
    public void importFinished(long workspaceId) {
        if (db.transaction(c -> RunRepository.settings(c, workspaceId)).runAfterImport()) {
            try {
                start(workspaceId);
            } catch (ConflictException running) {
                // The run under way read the identities before this import ended: another run follows it. (Whichever
                // of this and the run's end comes second sees the other: the run checks the flag after it is no longer
                // busy, and this checks whether it still is after setting the flag.)
                again.add(workspaceId);
                if (!busy.contains(workspaceId) && again.remove(workspaceId)) {
                    startQuietly(workspaceId);
                }
                LOG.debug("Workspace {}: identity resolution already running after an import; another follows", workspaceId);
            }
        }
    }

    private void execute(long workspaceId, long runId) {
        long started = System.nanoTime();
        try {
            Warehouse warehouse = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("workspace gone"));
            schemas.ensureIdentitiesTable(workspaceId, warehouse);
            ObjectType schema = schemas.schema(workspaceId);
            IdentityResolutionSettings s = db.transaction(c -> RunRepository.settings(c, workspaceId));
            Set<String> present = new HashSet<>();
            schema.properties().forEach(p -> present.add(p.name()));
            List<String> identifiers = s.identifiers().stream().filter(present::contains).toList();
            ResolutionSpec spec = new ResolutionSpec(runId, schema.properties(), identifiers, s.blocklist(),
                    s.maxIdentitiesPerProfile(), s.primaryConnections());
            List<ResolutionRun.Phase> phases = new ArrayList<>();
            ResolutionOutcome outcome = warehouse.execute(c -> new PostgresResolution(c, warehouse.namespace(), warehouse::quote,
                    spec, (phase, millis) -> {
                        if (stopping) {
                            throw new IllegalStateException("the server is stopping");
                        }
                        phases.add(new ResolutionRun.Phase(phase, millis));
                        db.transaction(m -> {
                            RunRepository.phases(m, runId, phases);
                            return null;
                        });
                    }).run());
            db.transaction(c -> {
                RunRepository.succeeded(c, runId, outcome);
                return null;
            });
            LOG.info("Workspace {}: identity resolution run {} succeeded in {} ms: {} identities, {} profiles, {} merges, "
                            + "{} splits, {} rounds{}", workspaceId, runId, (System.nanoTime() - started) / 1_000_000,
                    outcome.identities(), outcome.profiles(), outcome.merges(), outcome.splits(), outcome.rounds(),
                    outcome.guardHits().isEmpty() ? "" : ", " + outcome.guardHits().size() + " components over the guard");
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("Workspace {}: identity resolution run {} failed; the previous profiles are kept: {}", workspaceId, runId, reason);
            try {
                db.transaction(c -> {
                    RunRepository.ended(c, runId, ResolutionRun.State.FAILED, reason);
                    return null;
                });
            } catch (RuntimeException recordFailed) {
                LOG.warn("Could not record the failure of run {}: {}", runId, recordFailed.getMessage());
            }
        } finally {
            busy.remove(workspaceId);
            if (again.remove(workspaceId) && !stopping) {
                startQuietly(workspaceId);
            }
        }
    }

    /** Starts the run an import asked for while another ran; one running already (started by hand) will do. */
    private void startQuietly(long workspaceId) {
        try {
            start(workspaceId);
        } catch (ConflictException | com.krenalis.api.platform.UnavailableException e) {
            LOG.debug("Workspace {}: follow-up identity resolution not started: {}", workspaceId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Workspace {}: follow-up identity resolution not started: {}", workspaceId, e.getMessage());
        }
    }

    @Override
    public Optional<ResolutionRun> latest(Principal principal, long workspaceId) {
        workspaces.row(principal, workspaceId);
        return db.transaction(c -> RunRepository.runs(c, workspaceId, 1)).stream().findFirst();
    }

    @Override
    public ResolutionRun run(Principal principal, long workspaceId, long runId) {
        workspaces.row(principal, workspaceId);
        return db.transaction(c -> RunRepository.run(c, workspaceId, runId))
                .orElseThrow(() -> new NotFoundException("no identity resolution run " + runId + " in this workspace"));
    }

    @Override
    public List<ResolutionRun> runs(Principal principal, long workspaceId, int limit) {
        workspaces.row(principal, workspaceId);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        return db.transaction(c -> RunRepository.runs(c, workspaceId, limit));
    }

    @Override
    public ResolutionRun rollback(Principal principal, long workspaceId) {
        workspaces.row(principal, workspaceId);
        if (!busy.add(workspaceId)) {
            throw new ConflictException("identity resolution is running for this workspace");
        }
        try {
            if (!db.transaction(RunRepository::running).stream().noneMatch(r -> r.workspaceId() == workspaceId)) {
                throw new ConflictException("identity resolution is running for this workspace");
            }
            Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
            long[] switched = w.execute(c -> {
                Optional<Long> current = PostgresResolution.currentRun(c, w.namespace(), w::quote);
                if (current.isEmpty()) {
                    throw new ConflictException("there is no identity resolution result to roll back");
                }
                Optional<Long> previous = PostgresResolution.storedRuns(c, w.namespace()).stream()
                        .filter(id -> id < current.get()).findFirst();
                if (previous.isEmpty()) {
                    throw new ConflictException("there is no previous result to roll back to (only the latest one is kept "
                            + "after a rollback)");
                }
                String ns = w.quote(w.namespace()) + ".";
                PostgresResolution.linkEvents(c, w.namespace(), w::quote, PostgresResolution.mappingTable(previous.get()));
                PostgresResolution.linkIdentities(c, ns, w::quote, PostgresResolution.mappingTable(previous.get()));
                PostgresResolution.switchView(c, w.namespace(), w::quote, previous.get());
                PostgresResolution.dropOldRuns(c, w.namespace(), w::quote, previous.get(), null);
                return new long[]{current.get(), previous.get()};
            });
            db.transaction(c -> {
                RunRepository.ended(c, switched[0], ResolutionRun.State.ROLLED_BACK, null);
                return null;
            });
            LOG.info("Workspace {}: profiles rolled back from run {} to run {}", workspaceId, switched[0], switched[1]);
            return db.transaction(c -> RunRepository.run(c, workspaceId, switched[1])).orElseThrow();
        } catch (WarehouseException e) {
            throw new com.krenalis.api.platform.UnavailableException("the warehouse failed: " + e.getMessage(), e);
        } finally {
            busy.remove(workspaceId);
        }
    }
}
