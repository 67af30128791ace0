package com.krenalis.core.internal.schema;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Vetoes user-schema changes that would break a part of the core, such as identity resolution removing or retyping
 * an identifier. Register implementations as DS services: {@link UserSchemaServiceImpl} consults every registered
 * guard (any number, coming and going at any time) before it changes anything, and a guard that throws stops the
 * change.
 */
@FunctionalInterface
public interface SchemaChangeGuard {

    /**
     * @param from the current schema
     * @param to   the schema the change leads to
     * @throws ConflictException to refuse the change; the message names the property and says why
     */
    void check(long workspaceId, ObjectType from, ObjectType to) throws ConflictException;

    /** The properties of {@code from} that {@code to} removes or gives another type (nullability aside). */
    static Set<String> removedOrRetyped(ObjectType from, ObjectType to) {
        Set<String> names = new LinkedHashSet<>();
        for (Property p : from.properties()) {
            Optional<Property> after = to.property(p.name());
            if (after.isEmpty() || !after.get().type().equals(p.type())) {
                names.add(p.name());
            }
        }
        return names;
    }
}
