package com.krenalis.core.internal.schema;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.profiles.SchemaChange;
import com.krenalis.api.profiles.UserSchemaService;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.TypeCodec;
import com.krenalis.api.warehouse.TableChange;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a workspace's user schema together with its {@code identities} table. The warehouse runs the DDL in one
 * transaction and, before committing it, the new schema is stored: a failed statement stores nothing, and a schema
 * that another change stored meanwhile rolls the DDL back. (Only a lost connection between the store's commit and the
 * warehouse's leaves the table behind the schema; repeating the change repairs it, because the plan is always made
 * against the table as it is.)
 */
@Component(service = UserSchemaService.class)
public final class UserSchemaServiceImpl implements UserSchemaService {
    private static final Logger LOG = LoggerFactory.getLogger(UserSchemaServiceImpl.class);

    private final WorkspaceServiceImpl workspaces;
    private final UserSchemas schemas;
    private final List<SchemaChangeGuard> guards = new CopyOnWriteArrayList<>();

    @Activate
    public UserSchemaServiceImpl(@Reference WorkspaceServiceImpl workspaces, @Reference UserSchemas schemas) {
        this.workspaces = requireNonNull(workspaces);
        this.schemas = requireNonNull(schemas);
    }

    /** Parts of the core that may veto a change (whiteboard). */
    @Reference(name = "guards", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addGuard(SchemaChangeGuard guard) {
        guards.add(guard);
    }

    public void removeGuard(SchemaChangeGuard guard) {
        guards.remove(guard);
    }

    @Override
    public ObjectType schema(Principal principal, long workspaceId) {
        workspaces.row(principal, workspaceId);
        return schemas.schema(workspaceId);
    }

    @Override
    public SchemaChange preview(Principal principal, long workspaceId, ObjectType desired) {
        workspaces.row(principal, workspaceId);
        ObjectType schema = validate(desired);
        Warehouse warehouse = warehouse(workspaceId);
        try {
            TableChange plan = warehouse.planChange(IdentitiesTable.definition(schema));
            return new SchemaChange(schema, plan.statements(), plan.destructive(), false);
        } catch (WarehouseException e) {
            throw refused(e);
        }
    }

    @Override
    public SchemaChange update(Principal principal, long workspaceId, ObjectType desired, boolean allowDestructive) {
        workspaces.row(principal, workspaceId);
        ObjectType schema = validate(desired);
        Warehouse warehouse = warehouse(workspaceId);
        return schemas.locked(workspaceId, () -> {
            StoredSchema current = schemas.reload(workspaceId);
            for (SchemaChangeGuard guard : guards) {
                guard.check(workspaceId, current.schema(), schema);
            }
            TableChange change;
            try {
                change = warehouse.applyChange(IdentitiesTable.definition(schema), allowDestructive, c -> {
                    if (!schema.equals(current.schema())) {
                        schemas.save(workspaceId, schema, current);
                    }
                    return null;
                });
            } catch (WarehouseException e) {
                throw refused(e);
            }
            if (!change.applied()) {
                throw new ConflictException("the change is destructive and was not applied: "
                        + String.join("; ", change.destructive())
                        + ". Nothing was changed; confirm destructive changes to apply it");
            }
            schemas.identitiesTableMatches(workspaceId, warehouse);
            if (!change.statements().isEmpty()) {
                LOG.info("Workspace {}: user schema changed, {} statement(s) run on table {}{}", workspaceId,
                        change.statements().size(), IdentitiesTable.NAME,
                        change.isDestructive() ? " (destructive: " + change.destructive() + ")" : "");
            }
            return new SchemaChange(schema, change.statements(), change.destructive(), true);
        });
    }

    /**
     * The rules of the schema's JSON form (TypeCodec) apply to a schema built in Java too: names starting with
     * {@code _} are the table's own columns, and names equal but for case would collide in warehouses that fold case.
     */
    static ObjectType validate(ObjectType desired) {
        if (desired == null) {
            throw new InvalidInputException("schema", "is required");
        }
        try {
            return TypeCodec.schemaFromJson(TypeCodec.toJson(desired));
        } catch (TypeCodec.InvalidTypeException e) {
            throw new InvalidInputException(e.path(), e.reason());
        }
    }

    private Warehouse warehouse(long workspaceId) {
        return workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
    }

    private static RuntimeException refused(WarehouseException e) {
        if (e.isTransient()) {
            return new UnavailableException("the warehouse is unavailable, nothing was changed: " + e.getMessage(), e);
        }
        return new ConflictException("the warehouse refused the change, nothing was changed: " + e.getMessage(), e);
    }
}
