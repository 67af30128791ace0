package com.krenalis.core.internal.workspaces;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ExtensionCatalog;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseDriver;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.config.PlatformConfig;
import com.krenalis.core.internal.secrets.SecretBox;
import com.krenalis.core.internal.secrets.SettingsCodec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The open warehouse of each workspace (a connection pool each), opened on first use and closed when the workspace
 * changes, is deleted, or its driver goes away.
 */
@Component(service = WorkspaceWarehouses.class, configurationPid = PlatformConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class WorkspaceWarehouses {
    /** The server's default warehouse is always PostgreSQL (embedded, or external by configuration). */
    static final String DEFAULT_DRIVER = "postgresql";

    private record Opened(WarehouseDriver driver, Warehouse warehouse) {
    }

    private final ExtensionCatalog catalog;
    private final PlatformConfig config;
    private final SettingsCodec codec;
    private final Map<Long, Opened> open = new ConcurrentHashMap<>();

    @Activate
    public WorkspaceWarehouses(PlatformConfig config, @Reference ExtensionCatalog catalog) {
        this.config = requireNonNull(config);
        this.catalog = requireNonNull(catalog);
        this.codec = new SettingsCodec(new SecretBox(Base64.getDecoder().decode(config._secretKey())));
    }

    SettingsCodec codec() {
        return codec;
    }

    WarehouseDriver driver(String code) {
        return catalog.warehouseDriver(code).orElse(null);
    }

    /** Settings of the default warehouse for a namespace. */
    Settings defaultSettings(String namespace) {
        WarehouseDriver driver = driver(DEFAULT_DRIVER);
        if (driver == null) {
            throw new UnavailableException("the PostgreSQL warehouse driver is not installed");
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("url", config.warehouseUrl());
        raw.put("user", config.warehouseUser());
        if (!config._warehousePassword().isEmpty()) {
            raw.put("password", config._warehousePassword());
        }
        raw.put("schema", namespace);
        try {
            return driver.settings().validate(raw);
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException("the default warehouse configuration is invalid: " + e.getMessage(), e);
        }
    }

    /** The workspace's warehouse, opening it if needed. */
    public Warehouse of(WorkspaceRow row) {
        Opened o = open.computeIfAbsent(row.id(), id -> {
            String code = row.warehouseDriver() == null ? DEFAULT_DRIVER : row.warehouseDriver();
            WarehouseDriver driver = driver(code);
            if (driver == null) {
                throw new UnavailableException("warehouse driver '" + code + "' of workspace " + row.id() + " is not installed");
            }
            try {
                Settings settings = row.warehouseDriver() == null ? defaultSettings(row.namespace())
                        : codec.open(driver.settings(), row.warehouseSettings());
                return new Opened(driver, driver.open(settings));
            } catch (WarehouseException | InvalidSettingsException e) {
                throw new UnavailableException("cannot open the warehouse of workspace " + row.id() + ": " + e.getMessage(), e);
            }
        });
        return o.warehouse();
    }

    /** Adopts a warehouse just opened and checked for the workspace. */
    void adopt(long workspaceId, WarehouseDriver driver, Warehouse warehouse) {
        Opened previous = open.put(workspaceId, new Opened(driver, warehouse));
        if (previous != null && previous.warehouse() != warehouse) {
            previous.warehouse().close();
        }
    }

    void close(long workspaceId) {
        Opened o = open.remove(workspaceId);
        if (o != null) {
            o.warehouse().close();
        }
    }

    /** Tracks drivers only to close pools of one that goes away (the reference never activates a driver). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(ServiceReference<WarehouseDriver> ref) {
        // nothing to do: warehouses are opened on demand
    }

    void removeDriver(ServiceReference<WarehouseDriver> ref) {
        open.entrySet().removeIf(e -> {
            WarehouseDriver d = e.getValue().driver();
            boolean gone = catalog.warehouseDriver(d.code()).map(active -> active != d).orElse(true);
            if (gone) {
                e.getValue().warehouse().close();
            }
            return gone;
        });
    }

    @Deactivate
    public void closeAll() {
        open.values().forEach(o -> o.warehouse().close());
        open.clear();
    }
}
