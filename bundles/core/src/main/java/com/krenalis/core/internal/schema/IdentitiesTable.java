package com.krenalis.core.internal.schema;

import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.ColumnDefinition;
import com.krenalis.api.warehouse.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace's {@code identities} warehouse table: one row per identity, the meta columns (their names start with
 * {@code _}, which user-schema properties cannot) then one column per user-schema property.
 * docs/identity-resolution.md and docs/warehouse.md describe the same table for people; change them together.
 */
public final class IdentitiesTable {
    public static final String NAME = "identities";

    /** The connection the identity came from. */
    public static final String CONNECTION = "_connection";
    /** The pipeline that wrote it; 0 for identities written from events before the pipelines issue. */
    public static final String PIPELINE = "_pipeline";
    /** userId, anonymousId (anonymous identities) or the batch source's identity column. */
    public static final String IDENTITY_ID = "_identity_id";
    public static final String IS_ANONYMOUS = "_is_anonymous";
    /** The anonymousIds seen with a known identity on its connection (rule 4); empty or null when none. */
    public static final String ANONYMOUS_IDS = "_anonymous_ids";
    /** Freshness at the source: event timestamp, updated-at column, import time. */
    public static final String UPDATED_AT = "_updated_at";
    /** The profile after the latest resolution run; null until a run has seen the identity. */
    public static final String KPID = "_kpid";

    /** The primary key, in order. */
    public static final List<String> KEY = List.of(CONNECTION, PIPELINE, IDENTITY_ID, IS_ANONYMOUS);

    private static final List<ColumnDefinition> META = List.of(
            new ColumnDefinition(CONNECTION, Type.int64(), false),
            new ColumnDefinition(PIPELINE, Type.int64(), false),
            new ColumnDefinition(IDENTITY_ID, Type.string(), false),
            new ColumnDefinition(IS_ANONYMOUS, Type.bool(), false),
            new ColumnDefinition(ANONYMOUS_IDS, Type.array(Type.string()), true),
            new ColumnDefinition(UPDATED_AT, Type.datetime(), false),
            new ColumnDefinition(KPID, Type.uuid(), true));

    /** The meta columns' names, in table order. */
    public static final List<String> META_COLUMNS = META.stream().map(ColumnDefinition::name).toList();

    private IdentitiesTable() {
    }

    /**
     * The table for a user schema. Property columns are nullable even for non-nullable properties: rows written by
     * other pipelines may have no value for a property, and {@link Values} enforces non-null at write time.
     */
    public static TableDefinition definition(ObjectType schema) {
        List<ColumnDefinition> columns = new ArrayList<>(META);
        for (Property p : schema.properties()) {
            if (p.name().startsWith("_")) {
                throw new IllegalArgumentException("property " + p.name() + ": names starting with '_' are reserved");
            }
            columns.add(new ColumnDefinition(p.name(), p.type(), true));
        }
        return new TableDefinition(NAME, columns, KEY);
    }

    /** Every column's name, in table order: the meta columns, then the schema's properties. */
    public static List<String> columns(ObjectType schema) {
        List<String> names = new ArrayList<>(META_COLUMNS);
        schema.properties().forEach(p -> names.add(p.name()));
        return names;
    }
}
