package com.krenalis.core.internal.schema;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeCodec;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.store.Columns;
import com.krenalis.core.internal.store.MetadataDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user schema of each workspace, for the core's own use (no principal: never reached from a request), cached;
 * and its {@code identities} warehouse table, created and extended on demand.
 */
@Component(service = UserSchemas.class)
public final class UserSchemas {
    /**
     * The schema of a workspace that never changed it: few properties, because adding one later is safe while removing
     * one is destructive. Lengths: an email address is at most 320 characters (RFC 3696 errata), an E.164 number 16.
     */
    public static final ObjectType DEFAULT_SCHEMA = Type.object(List.of(
            new Property("email", Type.string(320), true, "Email address"),
            new Property("first_name", Type.string(100), true, "First name"),
            new Property("last_name", Type.string(100), true, "Last name"),
            new Property("phone", Type.string(50), true, "Phone number, preferably in E.164 form (+14155550100)")));

    private static final Logger LOG = LoggerFactory.getLogger(UserSchemas.class);

    /** The warehouse whose identities table matches a schema version. */
    private record Ensured(Warehouse warehouse, int version) {
    }

    private final MetadataDatabase db;
    private final Map<Long, StoredSchema> cache = new ConcurrentHashMap<>();
    private final Map<Long, Ensured> ensured = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    @Activate
    public UserSchemas(@Reference MetadataDatabase db) {
        this.db = requireNonNull(db);
    }

    /** The workspace's current user schema (the default one until it is changed). */
    public ObjectType schema(long workspaceId) {
        return stored(workspaceId).schema();
    }

    /**
     * Creates the workspace's {@code identities} table in the warehouse, or adds the columns of properties it lacks.
     * Add-only and idempotent; after the first call for a warehouse instance and schema version it returns at once,
     * so writers call it before every write. Call {@link #forgetIdentitiesTable} after a failed write, so that the
     * next call checks the table again (someone may have dropped or changed it).
     *
     * @throws UnavailableException  when the warehouse cannot be reached now (cause: the {@link WarehouseException})
     * @throws IllegalStateException when the warehouse refuses (a column of another type; cause: the
     *                               {@link WarehouseException})
     */
    public void ensureIdentitiesTable(long workspaceId, Warehouse warehouse) {
        requireNonNull(warehouse, "warehouse");
        StoredSchema current = stored(workspaceId);
        if (isEnsured(workspaceId, warehouse, current.version())) {
            return;
        }
        locked(workspaceId, () -> {
            // Under the lock a schema change cannot slip in between reading the schema and extending the table
            // (the add-only apply would add back a column the change has just dropped).
            StoredSchema s = stored(workspaceId);
            if (isEnsured(workspaceId, warehouse, s.version())) {
                return null;
            }
            try {
                List<String> ddl = warehouse.apply(List.of(IdentitiesTable.definition(s.schema())));
                if (!ddl.isEmpty()) {
                    LOG.info("Workspace {}: table {} created or extended in warehouse namespace {} ({} statements)",
                            workspaceId, IdentitiesTable.NAME, warehouse.namespace(), ddl.size());
                }
            } catch (WarehouseException e) {
                String message = "cannot prepare the identities table of workspace " + workspaceId + ": " + e.getMessage();
                throw e.isTransient() ? new UnavailableException(message, e) : new IllegalStateException(message, e);
            }
            ensured.put(workspaceId, new Ensured(warehouse, s.version()));
            return null;
        });
    }

    /** Makes the next {@link #ensureIdentitiesTable} check the table again. */
    public void forgetIdentitiesTable(long workspaceId) {
        ensured.remove(workspaceId);
    }

    private boolean isEnsured(long workspaceId, Warehouse warehouse, int version) {
        Ensured e = ensured.get(workspaceId);
        return e != null && e.warehouse() == warehouse && e.version() == version;
    }

    /** The cached stored schema. */
    StoredSchema stored(long workspaceId) {
        StoredSchema cached = cache.get(workspaceId);
        return cached != null ? cached : reload(workspaceId);
    }

    /** The stored schema read from the metadata store (and cached). */
    StoredSchema reload(long workspaceId) {
        StoredSchema s = db.transaction(c -> UserSchemaRepository.find(c, workspaceId))
                .orElseGet(() -> new StoredSchema(DEFAULT_SCHEMA, 0, null));
        return remember(workspaceId, s);
    }

    /** Caches a schema unless a newer version is cached already (a slow read must not undo a change). */
    private StoredSchema remember(long workspaceId, StoredSchema s) {
        return cache.merge(workspaceId, s, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    /**
     * Stores {@code schema} over version {@code current}, in its own metadata transaction.
     *
     * @throws ConflictException when another change was stored since {@code current} was read
     */
    void save(long workspaceId, ObjectType schema, StoredSchema current) {
        String json;
        try {
            json = Columns.json(TypeCodec.toJson(schema));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        boolean saved = db.transaction(c -> UserSchemaRepository.save(c, workspaceId, json, current.version()));
        if (!saved) {
            cache.remove(workspaceId);
            throw new ConflictException("the user schema of workspace " + workspaceId + " was changed by someone else "
                    + "meanwhile; read it again and repeat the change");
        }
        remember(workspaceId, new StoredSchema(schema, current.version() + 1, Instant.now()));
    }

    /** Records that the identities table of this warehouse matches the stored schema (a change has just run). */
    void identitiesTableMatches(long workspaceId, Warehouse warehouse) {
        ensured.put(workspaceId, new Ensured(warehouse, stored(workspaceId).version()));
    }

    /** Runs work while no other schema change or table preparation of the workspace runs in this server. */
    <T> T locked(long workspaceId, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(workspaceId, id -> new Object())) {
            return work.get();
        }
    }
}
