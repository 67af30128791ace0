package com.krenalis.core.internal.mapping;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.settings.FieldError;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.types.ObjectType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A visual mapping, compiled: per output property, an expression over the input record (docs/transformations.md,
 * "Visual mapping"). Compiled once, it evaluates a tree of nodes per record: no parsing, no reflection, no script
 * engine. Immutable, so one instance serves every thread.
 *
 * <p>An output property whose expression gives null is left out of the output record: for the identity store a
 * record "says nothing" about a property it lacks, so a missing trait never erases a stored value. A record fails as
 * a whole when any property fails (an expression that cannot work on the record's values, or a value that does not
 * fit its property's type), with every failing property listed.
 */
public final class Mapping implements TransformationFunction {
    private final ObjectType output;
    private final OutputProperty[] properties;

    Mapping(ObjectType output, List<OutputProperty> properties) {
        this.output = output;
        this.properties = properties.toArray(new OutputProperty[0]);
    }

    /** As {@link #compile(Object, String, ObjectType, ObjectType)}, errors naming the output properties alone. */
    public static Mapping compile(Object json, ObjectType input, ObjectType output) {
        return compile(json, "", input, output);
    }

    /**
     * Compiles a mapping's JSON form, {@code {"email": "lower(trim(traits.email))", "address.city": "..."}}.
     *
     * @param json   the mapping as JSON-like values: an object of output paths and expressions (strings)
     * @param field  the mapping's name in errors, e.g. {@code transformation.mapping}; errors are then
     *               {@code transformation.mapping.email}; empty for the output paths alone
     * @param input  the input schema, or null when the input is schemaless (events): paths are then not checked
     * @param output the output schema (the user schema, a destination's schema)
     * @throws com.krenalis.api.platform.InvalidInputException naming each wrong output property, with the position in
     *                                                         its expression ({@code at 7: unknown function 'lowr'})
     */
    public static Mapping compile(Object json, String field, ObjectType input, ObjectType output) {
        requireNonNull(field, "field");
        requireNonNull(output, "output");
        return MappingCompiler.compile(json, field, input, output);
    }

    /** The schema the output records have. */
    public ObjectType output() {
        return output;
    }

    /**
     * Maps one record, reporting every property that fails; for previews and tests. A pipeline uses
     * {@link #apply(Map)}, which refuses a record with errors.
     */
    public MappingResult evaluate(Map<String, ?> record) {
        requireNonNull(record, "record");
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>(0);
        for (OutputProperty p : properties) {
            p.write(record, values, errors);
        }
        return new MappingResult(values, errors);
    }

    /**
     * The output record: the mapped properties that have a value, in schema order, converted to their types as
     * JSON-like values (what {@code IdentityStore.write} and destinations take). Never null: a mapping drops nothing.
     *
     * @throws MappingException when any property fails, listing each
     */
    @Override
    public Map<String, Object> apply(Map<String, Object> record) throws MappingException {
        MappingResult result = evaluate(record);
        if (result.failed()) {
            throw new MappingException(result.errors());
        }
        return result.values();
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }
}
