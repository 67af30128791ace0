package com.krenalis.api.profiles;

import com.krenalis.api.platform.Principal;
import com.krenalis.api.types.ObjectType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Each workspace's strongly typed user schema: the properties of identities and profiles.
 *
 * <p>A change is applied to the warehouse safely: adding properties and widening types runs at once; removing a
 * property or changing its type in a way that could lose data is destructive and runs only when the caller says so.
 */
@ProviderType
public interface UserSchemaService {

    /** The workspace's current user schema. */
    ObjectType schema(Principal principal, long workspaceId);

    /** The warehouse statements that changing the schema to {@code desired} would run; runs nothing. */
    SchemaChange preview(Principal principal, long workspaceId, ObjectType desired);

    /**
     * Changes the schema and the warehouse tables that follow it ({@code identities}), atomically where the warehouse
     * allows.
     *
     * @param allowDestructive whether statements that drop or rewrite existing data may run
     * @throws com.krenalis.api.platform.ConflictException when the change is destructive and not allowed, or removes
     *                                                     a property that identity resolution uses
     */
    SchemaChange update(Principal principal, long workspaceId, ObjectType desired, boolean allowDestructive);
}
