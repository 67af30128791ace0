package com.krenalis.core.internal.workspaces;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.platform.WarehouseConfig;
import com.krenalis.api.platform.Workspace;
import com.krenalis.api.platform.WorkspaceService;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseDriver;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.connections.WriteKeyCache;
import com.krenalis.core.internal.keys.AuthenticationCache;
import com.krenalis.core.internal.secrets.SettingsCodec;
import com.krenalis.core.internal.common.DisplayName;
import com.krenalis.core.internal.store.MetadataDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Workspaces: metadata in the store, a namespace in a warehouse each. */
@Component(service = {WorkspaceService.class, WorkspaceServiceImpl.class})
public final class WorkspaceServiceImpl implements WorkspaceService {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceServiceImpl.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final MetadataDatabase db;
    private final WorkspaceWarehouses warehouses;
    private final AuthenticationCache authentications;
    private final WriteKeyCache writeKeys;

    @Activate
    public WorkspaceServiceImpl(@Reference MetadataDatabase db, @Reference WorkspaceWarehouses warehouses,
                                @Reference AuthenticationCache authentications, @Reference WriteKeyCache writeKeys) {
        this.db = requireNonNull(db);
        this.warehouses = requireNonNull(warehouses);
        this.authentications = requireNonNull(authentications);
        this.writeKeys = requireNonNull(writeKeys);
    }

    @Override
    public List<Workspace> list(Principal principal) {
        return db.transaction(c -> WorkspaceRepository.list(c, principal.organizationId())).stream()
                .filter(w -> principal.canAccess(w.id())).map(this::toApi).toList();
    }

    @Override
    public Workspace get(Principal principal, long id) {
        return toApi(row(principal, id));
    }

    /** The stored workspace, if the principal may see it. */
    public WorkspaceRow row(Principal principal, long id) {
        if (!principal.canAccess(id)) {
            throw new NotFoundException("no workspace " + id);
        }
        return db.transaction(c -> WorkspaceRepository.find(c, principal.organizationId(), id))
                .orElseThrow(() -> new NotFoundException("no workspace " + id));
    }

    /**
     * The open warehouse of a workspace, for the server's own consumers of its data (no principal: never reached
     * from a request); empty when the workspace no longer exists.
     *
     * @throws UnavailableException when the warehouse cannot be opened (driver missing, bad settings)
     */
    public Optional<Warehouse> warehouse(long workspaceId) {
        return db.transaction(c -> WorkspaceRepository.find(c, workspaceId)).map(warehouses::of);
    }

    @Override
    public Workspace create(Principal principal, String name, WarehouseConfig warehouse) {
        principal.requireOrganizationKey();
        String cleanName = DisplayName.validate(name);
        if (db.transaction(c -> WorkspaceRepository.nameTaken(c, principal.organizationId(), cleanName, -1))) {
            throw new ConflictException("a workspace named '" + cleanName + "' exists already");
        }
        long id = db.transaction(WorkspaceRepository::nextId);
        Target target = target(id, warehouse, null);
        Warehouse opened = initialise(target);
        WorkspaceRow row = new WorkspaceRow(id, principal.organizationId(), cleanName, target.driverCode(),
                target.storedSettings(), target.key(), opened.namespace(), null, null);
        try {
            db.transaction(c -> {
                WorkspaceRepository.insert(c, row);
                return null;
            });
        } catch (RuntimeException e) {
            opened.close();
            throw conflictOr(e, cleanName);
        }
        warehouses.adopt(id, target.driver(), opened);
        LOG.info("Workspace {} '{}' created on warehouse namespace {}", id, cleanName, opened.namespace());
        return get(principal, id);
    }

    @Override
    public Workspace update(Principal principal, long id, String name, WarehouseConfig warehouse) {
        principal.requireOrganizationKey();
        WorkspaceRow current = row(principal, id);
        String newName = name == null ? current.name() : DisplayName.validate(name);
        if (name != null && db.transaction(c -> WorkspaceRepository.nameTaken(c, principal.organizationId(), newName, id))) {
            throw new ConflictException("a workspace named '" + newName + "' exists already");
        }
        WorkspaceRow updated;
        Target target = null;
        Warehouse opened = null;
        if (warehouse == null) {
            updated = new WorkspaceRow(id, current.organizationId(), newName, current.warehouseDriver(),
                    current.warehouseSettings(), current.warehouseKey(), current.namespace(), null, null);
        } else {
            target = target(id, warehouse, current);
            opened = initialise(target);
            updated = new WorkspaceRow(id, current.organizationId(), newName, target.driverCode(), target.storedSettings(),
                    target.key(), opened.namespace(), null, null);
        }
        try {
            db.transaction(c -> {
                WorkspaceRepository.update(c, updated);
                return null;
            });
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            throw conflictOr(e, newName);
        }
        if (opened != null) {
            warehouses.adopt(id, target.driver(), opened);
        }
        return get(principal, id);
    }

    @Override
    public void delete(Principal principal, long id) {
        principal.requireOrganizationKey();
        row(principal, id);
        if (!db.transaction(c -> WorkspaceRepository.delete(c, principal.organizationId(), id))) {
            throw new NotFoundException("no workspace " + id);
        }
        warehouses.close(id);
        authentications.evictWorkspace(id); // its keys, connections and write keys went with it (ON DELETE CASCADE)
        writeKeys.evictWorkspace(id);
        LOG.info("Workspace {} deleted (its warehouse namespace and data are left in place)", id);
    }

    /** Where a workspace's data goes: the driver and its validated settings. */
    private record Target(String driverCode, WarehouseDriver driver, Settings settings, Map<String, Object> storedSettings,
                          String key) {
    }

    private Target target(long id, WarehouseConfig warehouse, WorkspaceRow current) {
        if (warehouse == null || warehouse.isServerDefault()) {
            if (warehouse != null && !warehouse.settings().isEmpty()) {
                throw new InvalidInputException("warehouse.settings", "must be empty when no driver is given (the server's default warehouse)");
            }
            Settings settings = warehouses.defaultSettings(current != null && current.warehouseDriver() == null
                    ? current.namespace() : "workspace_" + id);
            return new Target(null, warehouses.driver(WorkspaceWarehouses.DEFAULT_DRIVER), settings, Map.of(), "default");
        }
        WarehouseDriver driver = warehouses.driver(warehouse.driver());
        if (driver == null) {
            throw new InvalidInputException("warehouse.driver", "no installed warehouse driver '" + warehouse.driver()
                    + "' (see GET /v1/warehouse-drivers)");
        }
        Map<String, Object> stored = current != null && warehouse.driver().equals(current.warehouseDriver())
                ? current.warehouseSettings() : null;
        Settings settings = warehouses.codec().validate(driver.settings(), warehouse.settings(), stored, "warehouse.settings.");
        return new Target(warehouse.driver(), driver, settings, warehouses.codec().seal(settings),
                WarehouseKeys.of(warehouse.driver(), settings));
    }

    /** Opens, checks and initialises the namespace; the caller owns the returned warehouse. */
    private static Warehouse initialise(Target target) {
        Warehouse w;
        try {
            w = target.driver().open(target.settings());
        } catch (WarehouseException e) {
            throw new InvalidInputException("warehouse", e.getMessage());
        }
        try {
            w.check(CHECK_TIMEOUT);
            w.apply(List.of());
            return w;
        } catch (WarehouseException e) {
            w.close();
            if (target.driverCode() == null) {
                throw new UnavailableException("the default warehouse is unavailable: " + e.getMessage(), e);
            }
            throw new InvalidInputException("warehouse", "the warehouse check failed: " + e.getMessage());
        }
    }

    private static RuntimeException conflictOr(RuntimeException e, String name) {
        Throwable cause = e.getCause();
        if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
            return sql.getMessage().contains("namespace")
                    ? new ConflictException("another workspace uses that warehouse namespace already")
                    : new ConflictException("a workspace named '" + name + "' exists already");
        }
        return e;
    }


    private Workspace toApi(WorkspaceRow w) {
        WarehouseDriver driver = w.warehouseDriver() == null ? null : warehouses.driver(w.warehouseDriver());
        WarehouseConfig config = w.warehouseDriver() == null ? WarehouseConfig.serverDefault()
                : new WarehouseConfig(w.warehouseDriver(),
                SettingsCodec.redact(driver == null ? null : driver.settings(), w.warehouseSettings()));
        return new Workspace(w.id(), w.name(), config, w.namespace(), w.createdAt(), w.updatedAt());
    }

    /** For the bootstrap: whether any workspace exists. */
    public boolean anyWorkspace(long organizationId) {
        return !db.transaction(c -> WorkspaceRepository.list(c, organizationId)).isEmpty();
    }

}
