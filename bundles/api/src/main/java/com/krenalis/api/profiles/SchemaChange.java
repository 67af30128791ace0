package com.krenalis.api.profiles;

import com.krenalis.api.types.ObjectType;
import java.util.List;

/**
 * A user schema change, planned or applied.
 *
 * @param schema      the schema after the change
 * @param statements  the warehouse statements, in order, that the change runs (or ran)
 * @param destructive human-readable descriptions of the parts that drop or rewrite existing data (empty when none)
 * @param applied     whether the statements ran
 */
public record SchemaChange(ObjectType schema, List<String> statements, List<String> destructive, boolean applied) {
    public SchemaChange {
        statements = List.copyOf(statements);
        destructive = List.copyOf(destructive);
    }
}
