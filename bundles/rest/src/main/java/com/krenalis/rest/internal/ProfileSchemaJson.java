package com.krenalis.rest.internal;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.profiles.SchemaChange;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.TypeCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The JSON of user-schema requests and answers; a schema that is not valid is a 400 naming where, from its codec. */
final class ProfileSchemaJson {
    private ProfileSchemaJson() {
    }

    /** A body's {@code schema}, allowing only the given other fields. */
    static ObjectType schema(Map<String, Object> body, Set<String> otherFields) {
        for (String key : body.keySet()) {
            if (!key.equals("schema") && !otherFields.contains(key)) {
                throw new InvalidInputException(key, "unknown field");
            }
        }
        if (body.get("schema") == null) {
            throw new InvalidInputException("schema", "is required: {\"type\":\"object\",\"properties\":[...]}");
        }
        try {
            return TypeCodec.schemaFromJson(body.get("schema"));
        } catch (TypeCodec.InvalidTypeException e) {
            throw new InvalidInputException(e.path(), e.reason());
        }
    }

    /** {@code allowDestructive}: false when absent. */
    static boolean allowDestructive(Map<String, Object> body) {
        Object v = body.get("allowDestructive");
        if (v != null && !(v instanceof Boolean)) {
            throw new InvalidInputException("allowDestructive", "must be true or false");
        }
        return Boolean.TRUE.equals(v);
    }

    static Map<String, Object> schema(ObjectType schema) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", TypeCodec.toJson(schema));
        return json;
    }

    static Map<String, Object> change(SchemaChange change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", TypeCodec.toJson(change.schema()));
        json.put("statements", change.statements());
        json.put("destructive", change.destructive());
        json.put("applied", change.applied());
        return json;
    }
}
