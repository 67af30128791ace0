package com.krenalis.core.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.ColumnDefinition;
import com.krenalis.api.warehouse.TableDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitiesTableTest {

    @Test
    void metaColumnsComeFirstThenTheSchemasPropertiesAllNullable() {
        TableDefinition t = IdentitiesTable.definition(Type.object(List.of(
                new Property("email", Type.string(320), false, ""), Property.of("tags", Type.array(Type.string())))));
        assertEquals("identities", t.name());
        assertEquals(List.of("_connection", "_pipeline", "_identity_id", "_is_anonymous", "_anonymous_ids", "_updated_at",
                "_kpid", "email", "tags"), t.columns().stream().map(ColumnDefinition::name).toList());
        assertEquals(List.of("_connection", "_pipeline", "_identity_id", "_is_anonymous"), t.primaryKey());
        assertEquals(t.columns().stream().map(ColumnDefinition::name).toList(),
                IdentitiesTable.columns(Type.object(List.of(Property.of("email", Type.string()), Property.of("tags", Type.json())))));
        ColumnDefinition email = t.columns().get(7);
        assertTrue(email.nullable(), "other pipelines' rows may lack it; Values enforces non-null on write");
        assertEquals(Type.string(320), email.type());
        assertEquals(new ColumnDefinition("_anonymous_ids", Type.array(Type.string()), true), t.columns().get(4));
        assertEquals(new ColumnDefinition("_updated_at", Type.datetime(), false), t.columns().get(5));
        assertEquals(new ColumnDefinition("_kpid", Type.uuid(), true), t.columns().get(6));
        for (String key : t.primaryKey()) {
            assertFalse(t.columns().stream().filter(c -> c.name().equals(key)).findFirst().orElseThrow().nullable(), key);
        }
    }

    @Test
    void reservedNamesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> IdentitiesTable.definition(Type.object(List.of(Property.of("_kpid", Type.string())))));
    }
}
