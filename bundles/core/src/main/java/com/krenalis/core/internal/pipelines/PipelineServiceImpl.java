package com.krenalis.core.internal.pipelines;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.pipelines.MetricsBucket;
import com.krenalis.api.pipelines.Pipeline;
import com.krenalis.api.pipelines.PipelineError;
import com.krenalis.api.pipelines.PipelineRun;
import com.krenalis.api.pipelines.PipelineService;
import com.krenalis.api.pipelines.PipelineSpec;
import com.krenalis.api.pipelines.PreviewResult;
import com.krenalis.api.pipelines.Transformation;
import com.krenalis.api.platform.Connection;
import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.ExtensionCatalog;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationLimits;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.common.DisplayName;
import com.krenalis.core.internal.connections.ConnectionListener;
import com.krenalis.core.internal.connections.ConnectionServiceImpl;
import com.krenalis.core.internal.filters.Filter;
import com.krenalis.core.internal.filters.FilterParser;
import com.krenalis.core.internal.pipelines.PipelineRepository.Definition;
import com.krenalis.core.internal.schema.UserSchemas;
import com.krenalis.core.internal.store.MetadataDatabase;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipelines: their definitions (validated against the schemas they read and write), the compiled form the event
 * loader and batch runs process records with, runs, errors and metrics. Also gives every new event source its default
 * users pipeline.
 */
@Component(service = {PipelineService.class, PipelineServiceImpl.class, ConnectionListener.class},
        configurationPid = PipelineServiceImpl.PID)
@Designate(ocd = PipelineServiceImpl.Config.class)
public final class PipelineServiceImpl implements PipelineService, ConnectionListener {
    static final String PID = "com.krenalis.pipelines";
    static final int MAX_PREVIEW_RECORDS = 100;
    static final int MAX_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(PipelineServiceImpl.class);

    @ObjectClassDefinition(name = "Krenalis pipelines")
    public @interface Config {
        @AttributeDefinition(description = "Time a transformation function may take for one record, in milliseconds")
        long functionTimeoutMillis() default 1000;

        @AttributeDefinition(description = "Largest output record of a function, as JSON, in bytes")
        int functionMaxOutputBytes() default 1 << 20;

        @AttributeDefinition(description = "Records per batch in batch runs")
        int batchSize() default 5000;

        @AttributeDefinition(description = "Threads running batch pipelines")
        int runThreads() default 2;

        @AttributeDefinition(description = "Warehouse connections a batch run writes on at once (its identities split "
                + "between them by identity)")
        int writeThreads() default 2;

        @AttributeDefinition(description = "Seconds between looks for scheduled pipelines that are due")
        int schedulerSeconds() default 30;
    }

    private final MetadataDatabase db;
    private final WorkspaceServiceImpl workspaces;
    private final ConnectionServiceImpl connections;
    private final ExtensionCatalog catalog;
    private final UserSchemas schemas;
    private final TransformationLimits limits;
    private final com.krenalis.core.internal.identity.IdentityStoreImpl identities;
    private final Map<Long, CompiledPipeline> compiled = new ConcurrentHashMap<>();
    private final Map<Long, Cached> eventPipelines = new ConcurrentHashMap<>();
    final BatchRuns runs;

    @Activate
    public PipelineServiceImpl(@Reference MetadataDatabase db, @Reference WorkspaceServiceImpl workspaces,
                               @Reference ConnectionServiceImpl connections, @Reference ExtensionCatalog catalog,
                               @Reference UserSchemas schemas,
                               @Reference com.krenalis.core.internal.identity.IdentityStoreImpl identities,
                               @Reference com.krenalis.core.internal.identity.IdentityResolutionServiceImpl resolution,
                               Config config) {
        this.db = requireNonNull(db);
        this.workspaces = requireNonNull(workspaces);
        this.connections = requireNonNull(connections);
        this.catalog = requireNonNull(catalog);
        this.schemas = requireNonNull(schemas);
        this.identities = requireNonNull(identities);
        this.limits = new TransformationLimits(Duration.ofMillis(Math.max(1, config.functionTimeoutMillis())),
                Math.max(1, config.functionMaxOutputBytes()));
        this.runs = new BatchRuns(this, db, connections, identities, resolution, Math.max(1, config.batchSize()),
                Math.max(1, config.runThreads()), Math.max(1, config.writeThreads()), Math.max(1, config.schedulerSeconds()));
    }

    @Deactivate
    public void stop() {
        runs.stop();
        compiled.values().forEach(CompiledPipeline::close);
        compiled.clear();
        eventPipelines.clear();
    }

    // --- definitions

    @Override
    public List<Pipeline> list(Principal principal, long workspaceId, Long connectionId) {
        workspaces.row(principal, workspaceId);
        return db.transaction(c -> PipelineRepository.list(c, workspaceId, connectionId));
    }

    @Override
    public Pipeline get(Principal principal, long workspaceId, long id) {
        workspaces.row(principal, workspaceId);
        return find(workspaceId, id);
    }

    private Pipeline find(long workspaceId, long id) {
        return db.transaction(c -> PipelineRepository.find(c, workspaceId, id))
                .orElseThrow(() -> new NotFoundException("no pipeline " + id + " in workspace " + workspaceId));
    }

    @Override
    public Pipeline create(Principal principal, long workspaceId, long connectionId, PipelineSpec spec) {
        workspaces.row(principal, workspaceId);
        Connection connection = connections.get(principal, workspaceId, connectionId);
        Definition d = validate(workspaceId, connection.id(), spec, spec.target());
        long id = db.transaction(c -> PipelineRepository.insert(c, workspaceId, connectionId, d));
        changed(connectionId);
        return find(workspaceId, id);
    }

    @Override
    public Pipeline replace(Principal principal, long workspaceId, long id, PipelineSpec spec) {
        workspaces.row(principal, workspaceId);
        Pipeline current = find(workspaceId, id);
        if (spec.target() != null && spec.target() != current.target()) {
            throw new InvalidInputException("target", "cannot change (it is " + current.target().key()
                    + "); create another pipeline instead");
        }
        Definition d = validate(workspaceId, current.connectionId(), spec, current.target());
        db.transaction(c -> PipelineRepository.replace(c, workspaceId, id, d));
        changed(current.connectionId());
        return find(workspaceId, id);
    }

    @Override
    public Pipeline setEnabled(Principal principal, long workspaceId, long id, boolean enabled) {
        workspaces.row(principal, workspaceId);
        Pipeline current = find(workspaceId, id);
        if (enabled) {
            // A pipeline the server disabled comes back only if it is valid again (e.g. the schema was changed back).
            validate(workspaceId, current.connectionId(), spec(current), current.target());
        }
        db.transaction(c -> PipelineRepository.setEnabled(c, workspaceId, id, enabled, null));
        changed(current.connectionId());
        return find(workspaceId, id);
    }

    @Override
    public void delete(Principal principal, long workspaceId, long id) {
        workspaces.row(principal, workspaceId);
        Pipeline current = find(workspaceId, id);
        if (runs.isRunning(id)) {
            throw new ConflictException("pipeline " + id + " has a run going on; cancel it first");
        }
        db.transaction(c -> PipelineRepository.delete(c, workspaceId, id));
        changed(current.connectionId());
    }

    private static PipelineSpec spec(Pipeline p) {
        return new PipelineSpec(p.name(), p.target(), p.enabled(), p.scheduleMinutes(), p.filter(), p.transformation(),
                p.incremental(), p.source());
    }

    /** Every event source starts with a users pipeline that copies traits onto the user schema by name. */
    @Override
    public void connectionCreated(Connection connection, Connector connector) {
        if (Connection.SOURCE.equals(connection.role()) && ConnectionServiceImpl.receivesEvents(connector)) {
            Definition d = new Definition("Users from events", Pipeline.Target.USERS, true, null, null, Transformation.NONE, false,
                    Map.of());
            db.transaction(c -> PipelineRepository.insert(c, connection.workspaceId(), connection.id(), d));
            changed(connection.id());
        }
    }

    /** Forgets compiled forms after a change of a connection's pipelines. */
    private void changed(long connectionId) {
        eventPipelines.remove(connectionId);
        compiled.entrySet().removeIf(e -> {
            if (e.getValue().pipeline().connectionId() == connectionId) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    // --- validation and compilation

    /** What the pipeline reads: events, or a batch source bound to the pipeline's settings, and the input schema. */
    record Input(boolean events, ObjectType schema, PipelineSources.Bound source) {
    }

    /** A batch source that could not be read (unreachable, a failing query): a run fails, the pipeline stays as it is. */
    static final class SourceUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SourceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @throws InvalidInputException       the definition does not fit the connection (wrong source settings, a column
     *                                     the source lacks)
     * @throws SourceUnavailableException  the source could not be asked for its schema
     */
    private Input input(long workspaceId, long connectionId, Map<String, Object> source) {
        ConnectionServiceImpl.Opened opened;
        try {
            opened = connections.open(workspaceId, connectionId);
        } catch (IllegalStateException e) {
            throw new InvalidInputException("connection", e.getMessage());
        }
        Map<String, Object> settings = source == null ? Map.of() : source;
        if (ConnectionServiceImpl.receivesEvents(opened.connector())) {
            if (!settings.isEmpty()) {
                throw new InvalidInputException("source", "an event source's pipeline reads the source's events: it takes no source settings");
            }
            return EVENTS;
        }
        if (opened.connector() instanceof RecordSource || opened.connector() instanceof com.krenalis.api.connector.FileStorage) {
            PipelineSources.Bound bound = PipelineSources.bind(opened.connector(), opened.settings(), settings, catalog);
            try {
                return new Input(false, bound.discover(), bound);
            } catch (InvalidInputException e) {
                throw e;
            } catch (ConnectorException | RuntimeException e) {
                throw new SourceUnavailableException("cannot read the schema of connection " + connectionId + ": "
                        + CompiledPipeline.message(e), e);
            }
        }
        throw new InvalidInputException("connection", "connection " + connectionId + " (" + opened.connector().spec().code()
                + ") has no pipelines of its kind yet: only event sources, record sources and file storages do");
    }

    private Definition validate(long workspaceId, long connectionId, PipelineSpec spec, Pipeline.Target target) {
        List<FieldError> errors = new ArrayList<>();
        String name = null;
        try {
            name = DisplayName.validate(spec.name());
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (target == null) {
            throw new InvalidInputException("target", "is required: users or events");
        }
        if (target == Pipeline.Target.EVENTS) {
            throw new InvalidInputException("target", "events pipelines come with destinations; a source's events always go to "
                    + "the warehouse's events table, and its users pipelines write identities");
        }
        Input input;
        try {
            input = input(workspaceId, connectionId, spec.source());
        } catch (SourceUnavailableException e) {
            throw new InvalidInputException("source", e.getMessage());
        }
        if (spec.scheduleMinutes() != null) {
            if (input.events()) {
                errors.add(new FieldError("schedule", "an event source's pipeline processes events as they arrive: no schedule"));
            } else if (!Pipeline.SCHEDULES.contains(spec.scheduleMinutes())) {
                errors.add(new FieldError("schedule", "must be one of " + Pipeline.SCHEDULES + " (minutes) or null"));
            }
        }
        if (spec.incremental() && (input.source() == null || !input.source().supportsIncremental())) {
            errors.add(new FieldError("incremental", "this connection's source cannot read incrementally"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        compile(null, input, spec.filter(), spec.transformation(), schemas.schema(workspaceId)).close();
        return new Definition(name, target, spec.enabled(), spec.scheduleMinutes(), spec.filter(), spec.transformation(),
                spec.incremental(), spec.source());
    }

    /** Compiles the parts; errors name the part ({@code filter.conditions[0].operator}, {@code transformation.source}). */
    private CompiledPipeline compile(Pipeline pipeline, Input input, Map<String, Object> filterJson,
                                     Transformation t, ObjectType output) {
        Filter filter = null;
        if (filterJson != null) {
            Map<String, Type> properties = new LinkedHashMap<>();
            for (Property p : input.schema().properties()) {
                properties.put(p.name(), p.type());
            }
            filter = FilterParser.parse(filterJson, "filter", properties);
        }
        Supplier<Transformer> transformers = transformers(t, input.schema(), output);
        Function<Map<String, Object>, Map<String, Object>> byName = input.events() ? EventRecords::userTraits : r -> r;
        return new CompiledPipeline(pipeline, input.events() ? null : input.schema(), output, filter, transformers, byName);
    }

    private Supplier<Transformer> transformers(Transformation t, ObjectType inputSchema, ObjectType output) {
        return switch (t.kind()) {
            case NONE -> () -> {
                throw new IllegalStateException("no transformation");
            };
            case MAPPING -> {
                if (t.mapping() == null || t.mapping().isEmpty()) {
                    throw new InvalidInputException("transformation.mapping", "is required: an expression per output property");
                }
                yield MappingTransformers.compile(t.mapping(), inputSchema, output);
            }
            case FUNCTION -> {
                if (t.language() == null || t.language().isBlank()) {
                    throw new InvalidInputException("transformation.language", "is required (see GET /v1/transformation-languages)");
                }
                if (t.source() == null || t.source().isBlank()) {
                    throw new InvalidInputException("transformation.source", "is required: a function transform(record)");
                }
                TransformationEngine engine = catalog.transformationEngine(t.language()).orElseThrow(() -> new InvalidInputException(
                        "transformation.language", "no installed engine for '" + t.language() + "' (see GET /v1/transformation-languages)"));
                try {
                    yield new FunctionTransformers(engine, t.source(), limits);
                } catch (TransformationException e) {
                    throw new InvalidInputException("transformation.source", e.getMessage());
                } catch (RuntimeException e) {
                    throw new InvalidInputException("transformation.source", "the " + t.language() + " engine failed: " + e);
                }
            }
        };
    }

    /**
     * The compiled form of a pipeline for processing, recompiled when the definition, the user schema or the engine
     * changed. A pipeline that no longer compiles (a schema change broke its mapping, its engine went away) is
     * disabled with the reason, and empty is returned.
     */
    java.util.Optional<CompiledPipeline> compiled(Pipeline p) {
        return compiled(p, null);
    }

    /** Events as input: known without the connector, so a connector bundle being replaced never breaks the event path. */
    private static final Input EVENTS = new Input(true, EventRecords.SCHEMA, null);

    /** @param knownInput what the pipeline reads when the caller knows it (events), else null to ask the connector */
    private java.util.Optional<CompiledPipeline> compiled(Pipeline p, Input knownInput) {
        ObjectType output = schemas.schema(p.workspaceId());
        CompiledPipeline c = compiled.get(p.id());
        if (c != null && c.pipeline().version() == p.version() && c.outputSchema().equals(output) && c.current(catalog)) {
            return java.util.Optional.of(c);
        }
        try {
            Input input = knownInput != null ? knownInput : input(p.workspaceId(), p.connectionId(), p.source());
            CompiledPipeline fresh = compile(p, input, p.filter(), p.transformation(), output);
            fresh.engine(p.transformation().kind() == Transformation.Kind.FUNCTION
                    ? catalog.transformationEngine(p.transformation().language()).orElse(null) : null);
            CompiledPipeline old = compiled.put(p.id(), fresh);
            if (old != null) {
                old.close();
            }
            return java.util.Optional.of(fresh);
        } catch (InvalidInputException e) {
            disable(p, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * Compiles the pipeline afresh, for a batch run: a record source's schema may have changed since the last
     * compile (a column dropped), which only a new discovery shows; a mapping it broke disables the pipeline.
     *
     * @throws SourceUnavailableException when the source cannot be asked for its schema (the run fails; the pipeline
     *                                    stays enabled)
     */
    java.util.Optional<Prepared> prepare(Pipeline p) {
        CompiledPipeline old = compiled.remove(p.id());
        if (old != null) {
            old.close();
        }
        Input input;
        try {
            input = input(p.workspaceId(), p.connectionId(), p.source());
        } catch (InvalidInputException e) {
            disable(p, e.getMessage());
            return java.util.Optional.empty();
        }
        return compiled(p, input).map(c -> new Prepared(c, input.source()));
    }

    /** A batch pipeline ready to run: compiled, with its source bound. */
    record Prepared(CompiledPipeline compiled, PipelineSources.Bound source) {
    }

    /** Disables a pipeline the server found broken, with the reason users see on it. */
    void disable(Pipeline p, String reason) {
        boolean done = db.transaction(c -> PipelineRepository.disableBroken(c, p.id(), p.version(), reason));
        if (done) {
            LOG.warn("Pipeline {} ({}) of workspace {} disabled: {}", p.id(), p.name(), p.workspaceId(), reason);
        }
        changed(p.connectionId());
    }

    /** The enabled users pipelines of an event source, compiled; cached briefly (changes made here evict at once). */
    List<CompiledPipeline> eventUserPipelines(long connectionId) {
        Cached cached = eventPipelines.get(connectionId);
        long now = System.nanoTime();
        if (cached == null || now - cached.at() > 2_000_000_000L) {
            cached = new Cached(now, db.transaction(c -> PipelineRepository.enabled(c, connectionId, Pipeline.Target.USERS)));
            eventPipelines.put(connectionId, cached);
        }
        List<CompiledPipeline> out = new ArrayList<>();
        for (Pipeline p : cached.pipelines()) {
            compiled(p, EVENTS).ifPresent(out::add);
        }
        return out;
    }

    private record Cached(long at, List<Pipeline> pipelines) {
    }

    /** Keeps the errors and counts of processed records (events: no run). */
    void record(Pipeline p, Long runId, com.krenalis.api.pipelines.StepCounts counts, List<PipelineRepository.Failure> failures) {
        db.transaction(c -> {
            PipelineRepository.record(c, p.id(), runId, counts, failures, Instant.now());
            return null;
        });
    }

    /**
     * A function whose output names a property the user schema lacks was written for another schema (the schema
     * changed, or the function did): rather than failing every record, the pipeline is disabled with the reason.
     */
    boolean disableIfBroken(CompiledPipeline p, CompiledPipeline.Result result) {
        if (p.pipeline().transformation().kind() != Transformation.Kind.FUNCTION) {
            return false;
        }
        for (PipelineRepository.Failure f : result.failures()) {
            if (f.step() == com.krenalis.api.pipelines.Step.OUTPUT_VALIDATION && f.message().contains(UNKNOWN_PROPERTY)) {
                disable(p.pipeline(), "the function's output does not fit the user schema (" + f.message()
                        + "); change the function or the schema, then enable the pipeline");
                return true;
            }
        }
        return false;
    }

    /** How {@link com.krenalis.core.internal.schema.Values#properties} reports a name the schema lacks. */
    static final String UNKNOWN_PROPERTY = "is not a property of the user schema";

    /** An event as the users pipelines of its source read it. */
    public record EventInput(String messageId, Map<String, Object> event, String userId, String anonymousId, Instant at) {
    }

    /**
     * Writes the identities of a batch of one event source's events through the source's enabled users pipelines
     * (each writes identities of its own), keeping their counts and errors. The events are in the warehouse already:
     * a record that fails a step loses no event.
     */
    public void writeIdentities(long workspaceId, com.krenalis.api.warehouse.Warehouse w, long connectionId, List<EventInput> events)
            throws com.krenalis.api.warehouse.WarehouseException {
        List<CompiledPipeline.Input> inputs = new ArrayList<>(events.size());
        for (EventInput e : events) {
            inputs.add(new CompiledPipeline.Input(e.messageId(), e.event()));
        }
        for (CompiledPipeline p : eventUserPipelines(connectionId)) {
            CompiledPipeline.Result result = p.process(inputs);
            List<com.krenalis.api.profiles.IdentityRecord> records = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> out = result.outcomes().get(i).output();
                if (out != null) {
                    EventInput e = events.get(i);
                    records.add(e.userId() != null
                            ? new com.krenalis.api.profiles.IdentityRecord(e.userId(), false,
                                    e.anonymousId() == null ? java.util.Set.of() : java.util.Set.of(e.anonymousId()), e.at(), out)
                            : new com.krenalis.api.profiles.IdentityRecord(e.anonymousId(), true, java.util.Set.of(), e.at(), out));
                    keys.add(e.messageId());
                }
            }
            List<PipelineRepository.Failure> failures = new ArrayList<>(result.failures());
            java.util.Set<Integer> failed = new java.util.HashSet<>();
            for (var error : identities.write(workspaceId, w, connectionId, p.pipeline().id(), records)) {
                if (failed.add(error.index())) {
                    failures.add(new PipelineRepository.Failure(keys.get(error.index()), com.krenalis.api.pipelines.Step.WRITE,
                            error.property() == null ? error.message() : error.property() + ": " + error.message()));
                }
            }
            var c = result.counts();
            record(p.pipeline(), null, new com.krenalis.api.pipelines.StepCounts(c.received(), c.validated(), c.passedFilter(),
                    c.transformed(), c.outputValidated(), records.size() - failed.size(), c.failed() + failed.size()),
                    failures.size() > 100 ? failures.subList(0, 100) : failures);
            disableIfBroken(p, result);
        }
    }

    /** The ids of the enabled users pipelines of an event source: the {@code _pipeline} of the identities it writes. */
    public List<Long> eventUserPipelineIds(long connectionId) {
        return eventUserPipelines(connectionId).stream().map(p -> p.pipeline().id()).toList();
    }

    // --- runs, errors, metrics

    @Override
    public ObjectType discover(Principal principal, long workspaceId, long connectionId, Map<String, Object> source) {
        workspaces.row(principal, workspaceId);
        connections.get(principal, workspaceId, connectionId);
        try {
            return input(workspaceId, connectionId, source).schema();
        } catch (SourceUnavailableException e) {
            throw new InvalidInputException("source", e.getMessage());
        }
    }

    @Override
    public PipelineRun startRun(Principal principal, long workspaceId, long pipelineId) {
        workspaces.row(principal, workspaceId);
        Pipeline p = find(workspaceId, pipelineId);
        return runs.start(p, PipelineRun.Trigger.MANUAL);
    }

    @Override
    public PipelineRun cancelRun(Principal principal, long workspaceId, long runId) {
        workspaces.row(principal, workspaceId);
        PipelineRun run = run(principal, workspaceId, runId);
        if (run.state() != PipelineRun.State.RUNNING) {
            throw new ConflictException("run " + runId + " is " + run.state().key() + ", not running");
        }
        db.transaction(c -> PipelineRepository.requestCancel(c, workspaceId, runId));
        runs.cancel(runId);
        return run(principal, workspaceId, runId);
    }

    @Override
    public List<PipelineRun> runs(Principal principal, long workspaceId, Long pipelineId, int limit) {
        workspaces.row(principal, workspaceId);
        if (pipelineId != null) {
            find(workspaceId, pipelineId);
        }
        return db.transaction(c -> PipelineRepository.runs(c, workspaceId, pipelineId, limit(limit)));
    }

    @Override
    public PipelineRun run(Principal principal, long workspaceId, long runId) {
        workspaces.row(principal, workspaceId);
        return db.transaction(c -> PipelineRepository.run(c, workspaceId, runId))
                .orElseThrow(() -> new NotFoundException("no pipeline run " + runId + " in workspace " + workspaceId));
    }

    @Override
    public List<PipelineError> errors(Principal principal, long workspaceId, long pipelineId, Long runId, Long beforeId, int limit) {
        workspaces.row(principal, workspaceId);
        find(workspaceId, pipelineId);
        return db.transaction(c -> PipelineRepository.errors(c, pipelineId, runId, beforeId, limit(limit)));
    }

    @Override
    public List<MetricsBucket> metrics(Principal principal, long workspaceId, long pipelineId, MetricsBucket.Granularity granularity,
                                       Instant from, Instant to) {
        workspaces.row(principal, workspaceId);
        find(workspaceId, pipelineId);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from", "must be before to");
        }
        return db.transaction(c -> PipelineRepository.metrics(c, pipelineId, requireNonNull(granularity), from, to));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    // --- preview

    @Override
    public List<PreviewResult> preview(Principal principal, long workspaceId, Pipeline.Target target, Transformation transformation,
                                       List<Map<String, Object>> records) {
        workspaces.row(principal, workspaceId);
        if (target != Pipeline.Target.USERS) {
            throw new InvalidInputException("target", "only users can be previewed until destinations exist");
        }
        if (records == null || records.isEmpty() || records.size() > MAX_PREVIEW_RECORDS) {
            throw new InvalidInputException("records", "must hold 1 to " + MAX_PREVIEW_RECORDS + " sample records");
        }
        if (transformation == null || transformation.kind() == Transformation.Kind.NONE) {
            throw new InvalidInputException("transformation", "is required: a mapping or a function");
        }
        ObjectType output = schemas.schema(workspaceId);
        Pipeline draft = new Pipeline(0, workspaceId, 0, "preview", target, true, null, null, transformation, false, null, 0,
                null, null, null);
        // Samples have no declared schema: the mapping's paths are not checked against one.
        Supplier<Transformer> transformers = transformers(transformation, null, output);
        CompiledPipeline p = new CompiledPipeline(draft, null, output, null, transformers, r -> r);
        try {
            List<CompiledPipeline.Input> inputs = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                inputs.add(new CompiledPipeline.Input("records[" + i + "]", Objects.requireNonNullElse(records.get(i), Map.of())));
            }
            List<PreviewResult> out = new ArrayList<>();
            for (CompiledPipeline.Outcome o : p.process(inputs).outcomes()) {
                out.add(o.failure() != null
                        ? new PreviewResult(null, false, List.of(o.failure().step().key() + ": " + o.failure().message()))
                        : new PreviewResult(o.output(), o.skipped(), List.of()));
            }
            return out;
        } finally {
            p.close();
        }
    }
}
