package com.krenalis.core.internal.pipelines;

import com.krenalis.api.pipelines.Pipeline;
import com.krenalis.api.pipelines.Step;
import com.krenalis.api.pipelines.StepCounts;
import com.krenalis.api.pipelines.Transformation;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.core.internal.filters.Filter;
import com.krenalis.core.internal.filters.RecordFilter;
import com.krenalis.core.internal.pipelines.PipelineRepository.Failure;
import com.krenalis.core.internal.schema.ValueException;
import com.krenalis.core.internal.schema.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A pipeline ready to process records: receive → input validation → filter → transformation → output validation;
 * the write is the caller's (identities, events, a destination), which reports its own failures. Each record's fate
 * is counted; a failing record becomes a {@link Failure} and the others go on.
 *
 * <p>Thread-safe: each {@link #process} call takes a transformer of its own from the supplier (a function is not
 * thread-safe) and closes it.
 */
final class CompiledPipeline {
    private final Pipeline pipeline;
    private final ObjectType inputSchema;
    private final ObjectType outputSchema;
    private final Filter filter;
    private final Supplier<Transformer> transformers;
    private final Function<Map<String, Object>, Map<String, Object>> byName;

    /**
     * @param inputSchema  the input's schema for input validation, or null when the input is already valid (events)
     * @param byName       what a pipeline without transformation passes on (e.g. an event's traits), before the output
     *                     schema keeps the properties it has
     */
    CompiledPipeline(Pipeline pipeline, ObjectType inputSchema, ObjectType outputSchema, Filter filter,
                     Supplier<Transformer> transformers, Function<Map<String, Object>, Map<String, Object>> byName) {
        this.pipeline = pipeline;
        this.inputSchema = inputSchema;
        this.outputSchema = outputSchema;
        this.filter = filter;
        this.transformers = transformers;
        this.byName = byName;
    }

    private volatile com.krenalis.api.transform.TransformationEngine engine;

    /** Remembers the engine a function was compiled with, so that a replaced or removed engine means recompiling. */
    void engine(com.krenalis.api.transform.TransformationEngine engine) {
        this.engine = engine;
    }

    /** Whether the engine it was compiled with is still the installed one. */
    boolean current(com.krenalis.api.platform.ExtensionCatalog catalog) {
        return engine == null || catalog.transformationEngine(pipeline.transformation().language()).orElse(null) == engine;
    }

    /** Closes idle compiled functions; copies in use close when their call ends. */
    void close() {
        if (transformers instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing a compiled function releases memory only; nothing to report.
            }
        }
    }

    Pipeline pipeline() {
        return pipeline;
    }

    ObjectType outputSchema() {
        return outputSchema;
    }

    /** One input record and what identifies it to a person. */
    record Input(String key, Map<String, Object> record) {
    }

    /**
     * The fate of one input record.
     *
     * @param output  the validated output (property values as the transformation gave them), or null
     * @param skipped whether the filter left it out or the transformation dropped it
     * @param failure the step it failed, or null
     * @param stored  the output converted for the warehouse by output validation ({@code Values.properties}), or null:
     *                what the identity store would compute again
     */
    record Outcome(Input input, Map<String, Object> output, boolean skipped, Failure failure, Map<String, Object> stored) {
        Outcome(Input input, Map<String, Object> output, boolean skipped, Failure failure) {
            this(input, output, skipped, failure, null);
        }
    }

    /** The records' outcomes, in order, and the counts up to output validation (the write is not counted here). */
    record Result(List<Outcome> outcomes, StepCounts counts) {
        List<Outcome> outputs() {
            return outcomes.stream().filter(o -> o.output() != null).toList();
        }

        List<Failure> failures() {
            return outcomes.stream().filter(o -> o.failure() != null).map(Outcome::failure).toList();
        }
    }

    Result process(List<Input> inputs) {
        long validated = 0, passed = 0, transformed = 0, outputValid = 0, failed = 0;
        List<Outcome> outcomes = new ArrayList<>(inputs.size());
        try (Transformer t = pipeline.transformation().kind() == Transformation.Kind.NONE ? null : transformers.get()) {
            for (Input in : inputs) {
                String invalid = inputSchema == null ? null : validateInput(in.record());
                if (invalid != null) {
                    failed++;
                    outcomes.add(new Outcome(in, null, false, new Failure(in.key(), Step.INPUT_VALIDATION, invalid)));
                    continue;
                }
                validated++;
                if (filter != null && !RecordFilter.matches(filter, in.record())) {
                    outcomes.add(new Outcome(in, null, true, null));
                    continue;
                }
                passed++;
                Map<String, Object> out;
                if (t == null) {
                    out = keepKnown(byName.apply(in.record()));
                } else {
                    try {
                        out = t.apply(in.record());
                    } catch (TransformationException | RuntimeException e) {
                        failed++;
                        outcomes.add(new Outcome(in, null, false, new Failure(in.key(), Step.TRANSFORMATION, message(e))));
                        continue;
                    }
                    if (out == null) {
                        outcomes.add(new Outcome(in, null, true, null));
                        continue;
                    }
                }
                transformed++;
                List<String> bad = new ArrayList<>();
                Map<String, Object> stored = Values.properties(outputSchema, out, e -> bad.add(e.getMessage()));
                if (!bad.isEmpty()) {
                    failed++;
                    outcomes.add(new Outcome(in, null, false, new Failure(in.key(), Step.OUTPUT_VALIDATION,
                            String.join("; ", bad))));
                    continue;
                }
                outputValid++;
                outcomes.add(new Outcome(in, out, false, null, stored));
            }
        }
        return new Result(outcomes, new StepCounts(inputs.size(), validated, passed, transformed, outputValid, 0, failed));
    }

    /** The properties a pipeline without transformation passes on: those of the output schema, by name. */
    private Map<String, Object> keepKnown(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (outputSchema.property(k).isPresent()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private String validateInput(Map<String, Object> record) {
        List<String> errors = new ArrayList<>();
        for (Property p : inputSchema.properties()) {
            Object v = record.get(p.name());
            if (v == null) {
                continue;
            }
            try {
                Values.toWarehouse(v, p.type(), p.name());
            } catch (ValueException e) {
                errors.add(e.getMessage());
            }
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return e instanceof TransformationException ? m : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
