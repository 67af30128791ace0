package com.krenalis.rest.internal;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.profiles.IdentityResolutionSettings;
import com.krenalis.api.profiles.ResolutionRun;
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
 * The JSON of identity-resolution settings and runs. A settings body is read strictly by hand rather than bound by
 * Jackson, which would turn {@code "true"} into true and {@code 1.5} into 1: every wrong type is a 400 naming the
 * field, all of them at once.
 */
final class IdentityResolutionJson {
    static final Set<String> SETTINGS_FIELDS = Set.of("identifiers", "runAfterImport", "blocklist",
            "maxIdentitiesPerProfile", "primaryConnections");

    private IdentityResolutionJson() {
    }

    static Map<String, Object> settings(IdentityResolutionSettings s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identifiers", s.identifiers());
        json.put("runAfterImport", s.runAfterImport());
        json.put("blocklist", s.blocklist());
        json.put("maxIdentitiesPerProfile", s.maxIdentitiesPerProfile());
        json.put("primaryConnections", s.primaryConnections());
        return json;
    }

    /** The settings after a PUT: the body's fields replace the current ones; omitted fields stay as they are. */
    static IdentityResolutionSettings settings(Map<String, Object> body, IdentityResolutionSettings current) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!SETTINGS_FIELDS.contains(key)) {
                errors.add(new FieldError(key, "unknown field"));
            }
        }
        List<String> identifiers = body.containsKey("identifiers")
                ? strings(body.get("identifiers"), "identifiers", errors) : current.identifiers();
        boolean runAfterImport = current.runAfterImport();
        if (body.containsKey("runAfterImport")) {
            if (body.get("runAfterImport") instanceof Boolean b) {
                runAfterImport = b;
            } else {
                errors.add(new FieldError("runAfterImport", "must be true or false"));
            }
        }
        Map<String, List<String>> blocklist = current.blocklist();
        if (body.containsKey("blocklist")) {
            blocklist = new LinkedHashMap<>();
            if (body.get("blocklist") instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    blocklist.put(String.valueOf(e.getKey()), strings(e.getValue(), "blocklist." + e.getKey(), errors));
                }
            } else {
                errors.add(new FieldError("blocklist", "must be an object of identifier: [values]"));
            }
        }
        int max = current.maxIdentitiesPerProfile();
        if (body.containsKey("maxIdentitiesPerProfile")) {
            Long v = integer(body.get("maxIdentitiesPerProfile"));
            if (v == null || v < 1 || v > Integer.MAX_VALUE) {
                errors.add(new FieldError("maxIdentitiesPerProfile", "must be a positive integer"));
            } else {
                max = v.intValue();
            }
        }
        Map<String, Long> primary = current.primaryConnections();
        if (body.containsKey("primaryConnections")) {
            primary = new LinkedHashMap<>();
            if (body.get("primaryConnections") instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Long id = integer(e.getValue());
                    if (id == null) {
                        errors.add(new FieldError("primaryConnections." + e.getKey(), "must be a connection id"));
                    } else {
                        primary.put(String.valueOf(e.getKey()), id);
                    }
                }
            } else {
                errors.add(new FieldError("primaryConnections", "must be an object of property: connection id"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new IdentityResolutionSettings(identifiers, runAfterImport, blocklist, max, primary);
    }

    static Map<String, Object> run(ResolutionRun r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("state", r.state().name().toLowerCase(Locale.ROOT));
        json.put("startedAt", time(r.startedAt()));
        json.put("endedAt", time(r.endedAt()));
        json.put("phases", r.phases().stream().map(p -> {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("name", p.name());
            phase.put("millis", p.millis());
            return phase;
        }).toList());
        json.put("identities", r.identities());
        json.put("profiles", r.profiles());
        json.put("merges", r.merges());
        json.put("splits", r.splits());
        json.put("rounds", r.rounds());
        json.put("guardHits", r.guardHits().stream().map(g -> {
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("identities", g.identities());
            hit.put("topValues", g.topValues());
            return hit;
        }).toList());
        json.put("error", r.error());
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static List<String> strings(Object value, String field, List<FieldError> errors) {
        if (!(value instanceof List<?> list)) {
            errors.add(new FieldError(field, "must be an array of strings"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s && !s.isEmpty()) {
                out.add(s);
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "must be a non-empty string"));
            }
        }
        return out;
    }

    /** A JSON integer (not a float, not a string), or null. */
    private static Long integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return null;
    }
}
