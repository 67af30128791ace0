package com.krenalis.rest.internal;

import com.krenalis.api.pipelines.MetricsBucket;
import com.krenalis.api.pipelines.Pipeline;
import com.krenalis.api.pipelines.PipelineError;
import com.krenalis.api.pipelines.PipelineRun;
import com.krenalis.api.pipelines.PipelineSpec;
import com.krenalis.api.pipelines.PreviewResult;
import com.krenalis.api.pipelines.StepCounts;
import com.krenalis.api.pipelines.Transformation;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of pipelines, runs, errors, metrics and previews. Bodies are read strictly by hand (as
 * {@link IdentityResolutionJson} does): every wrong type or unknown field is a 400 naming the field, all at once.
 */
final class PipelinesJson {
    static final Set<String> PIPELINE_FIELDS = Set.of("connection", "name", "target", "enabled", "schedule", "filter",
            "transformation", "incremental", "source");
    static final Set<String> TRANSFORMATION_FIELDS = Set.of("kind", "mapping", "language", "source");
    static final Set<String> PREVIEW_FIELDS = Set.of("target", "transformation", "records");

    private PipelinesJson() {
    }

    static Map<String, Object> pipeline(Pipeline p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("connection", p.connectionId());
        json.put("name", p.name());
        json.put("target", p.target().key());
        json.put("enabled", p.enabled());
        json.put("disabledReason", p.disabledReason());
        json.put("schedule", p.scheduleMinutes());
        json.put("filter", p.filter());
        json.put("transformation", transformation(p.transformation()));
        json.put("incremental", p.incremental());
        json.put("source", p.source());
        json.put("version", p.version());
        json.put("createdAt", time(p.createdAt()));
        json.put("updatedAt", time(p.updatedAt()));
        return json;
    }

    static Map<String, Object> transformation(Transformation t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", t.kind().key());
        switch (t.kind()) {
            case MAPPING -> json.put("mapping", t.mapping());
            case FUNCTION -> {
                json.put("language", t.language());
                json.put("source", t.source());
            }
            case NONE -> { }
        }
        return json;
    }

    /** The connection id of a creation body. */
    static long connection(Map<String, Object> body) {
        Long id = integer(body.get("connection"));
        if (id == null || id < 1) {
            throw new InvalidInputException("connection", "is required: the id of the connection the pipeline belongs to");
        }
        return id;
    }

    /** A pipeline definition: {@code name} and {@code target} are required; the rest defaults (enabled, no schedule, no filter, no transformation). */
    static PipelineSpec spec(Map<String, Object> body, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        unknown(body, creating ? PIPELINE_FIELDS : without(PIPELINE_FIELDS, "connection"), "", errors);
        String name = body.get("name") instanceof String s ? s : null;
        if (name == null) {
            errors.add(new FieldError("name", "is required and must be a string"));
        }
        Pipeline.Target target = null;
        Object t = body.get("target");
        if (t == null) {
            if (creating) {
                errors.add(new FieldError("target", "is required: users or events"));
            }
        } else if (t instanceof String s && Set.of("users", "events").contains(s)) {
            target = Pipeline.Target.valueOf(s.toUpperCase(Locale.ROOT));
        } else {
            errors.add(new FieldError("target", "must be users or events"));
        }
        boolean enabled = bool(body, "enabled", true, errors);
        boolean incremental = bool(body, "incremental", false, errors);
        Integer schedule = null;
        if (body.get("schedule") != null) {
            Long minutes = integer(body.get("schedule"));
            if (minutes == null || !Pipeline.SCHEDULES.contains(minutes.intValue()) || minutes > Integer.MAX_VALUE) {
                errors.add(new FieldError("schedule", "must be one of " + Pipeline.SCHEDULES + " (minutes) or null"));
            } else {
                schedule = minutes.intValue();
            }
        }
        Map<String, Object> filter = null;
        if (body.get("filter") != null) {
            filter = object(body.get("filter"), "filter", errors);
        }
        Transformation transformation = body.get("transformation") == null ? Transformation.NONE
                : transformation(body.get("transformation"), "transformation", errors);
        Map<String, Object> source = null;
        if (body.get("source") != null) {
            source = object(body.get("source"), "source", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new PipelineSpec(name, target, enabled, schedule, filter, transformation, incremental, source);
    }

    static Transformation transformation(Object value, String field, List<FieldError> errors) {
        Map<String, Object> t = object(value, field, errors);
        if (t == null) {
            return Transformation.NONE;
        }
        unknown(t, TRANSFORMATION_FIELDS, field + ".", errors);
        Object kind = t.get("kind");
        if ("none".equals(kind)) {
            return Transformation.NONE;
        }
        if ("mapping".equals(kind)) {
            Map<String, Object> m = object(t.get("mapping"), field + ".mapping", errors);
            Map<String, String> mapping = new LinkedHashMap<>();
            if (m != null) {
                m.forEach((k, v) -> {
                    if (v instanceof String s) {
                        mapping.put(k, s);
                    } else {
                        errors.add(new FieldError(field + ".mapping." + k, "must be an expression (a string)"));
                    }
                });
            }
            return Transformation.mapping(mapping);
        }
        if ("function".equals(kind)) {
            String language = t.get("language") instanceof String s ? s : null;
            String source = t.get("source") instanceof String s ? s : null;
            if (language == null) {
                errors.add(new FieldError(field + ".language", "is required and must be a string"));
            }
            if (source == null) {
                errors.add(new FieldError(field + ".source", "is required and must be a string"));
            }
            return Transformation.function(language, source);
        }
        errors.add(new FieldError(field + ".kind", "must be none, mapping or function"));
        return Transformation.NONE;
    }

    record Preview(Pipeline.Target target, Transformation transformation, List<Map<String, Object>> records) {
    }

    static Preview preview(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        unknown(body, PREVIEW_FIELDS, "", errors);
        Pipeline.Target target = Pipeline.Target.USERS;
        if (body.get("target") != null) {
            if (body.get("target") instanceof String s && Set.of("users", "events").contains(s)) {
                target = Pipeline.Target.valueOf(s.toUpperCase(Locale.ROOT));
            } else {
                errors.add(new FieldError("target", "must be users or events"));
            }
        }
        Transformation transformation = body.get("transformation") == null ? null
                : transformation(body.get("transformation"), "transformation", errors);
        if (transformation == null) {
            errors.add(new FieldError("transformation", "is required"));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        if (body.get("records") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> r = object(list.get(i), "records[" + i + "]", errors);
                if (r != null) {
                    records.add(r);
                }
            }
        } else {
            errors.add(new FieldError("records", "is required: an array of sample records (objects)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Preview(target, transformation, records);
    }

    static Map<String, Object> preview(PreviewResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("output", r.output());
        json.put("dropped", r.dropped());
        json.put("errors", r.errors());
        return json;
    }

    static Map<String, Object> run(PipelineRun r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("pipeline", r.pipelineId());
        json.put("pipelineVersion", r.pipelineVersion());
        json.put("state", r.state().key());
        json.put("trigger", r.trigger().key());
        json.put("incremental", r.incremental());
        json.put("startedAt", time(r.startedAt()));
        json.put("endedAt", time(r.endedAt()));
        json.put("counts", counts(r.counts()));
        json.put("total", r.total() < 0 ? null : r.total());
        json.put("percent", r.percent() < 0 ? null : r.percent());
        json.put("removed", r.removed());
        json.put("error", r.error());
        return json;
    }

    static Map<String, Object> counts(StepCounts c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("received", c.received());
        json.put("validated", c.validated());
        json.put("passedFilter", c.passedFilter());
        json.put("transformed", c.transformed());
        json.put("outputValidated", c.outputValidated());
        json.put("written", c.written());
        json.put("failed", c.failed());
        return json;
    }

    static Map<String, Object> error(PipelineError e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("run", e.runId());
        json.put("at", time(e.at()));
        json.put("recordKey", e.recordKey());
        json.put("step", e.step().key());
        json.put("message", e.message());
        return json;
    }

    static Map<String, Object> bucket(MetricsBucket b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", time(b.start()));
        json.putAll(counts(b.counts()));
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Set<String> without(Set<String> set, String name) {
        Set<String> out = new java.util.HashSet<>(set);
        out.remove(name);
        return out;
    }

    private static void unknown(Map<String, Object> map, Set<String> known, String prefix, List<FieldError> errors) {
        for (String k : map.keySet()) {
            if (!known.contains(k)) {
                errors.add(new FieldError(prefix + k, "is not a field here"));
            }
        }
    }

    private static boolean bool(Map<String, Object> body, String field, boolean absent, List<FieldError> errors) {
        Object v = body.get(field);
        if (v == null) {
            return absent;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        errors.add(new FieldError(field, "must be true or false"));
        return absent;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String field, List<FieldError> errors) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        errors.add(new FieldError(field, "must be a JSON object"));
        return null;
    }

    private static Long integer(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return null;
    }
}
