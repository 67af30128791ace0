package com.krenalis.core.internal.testing;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.platform.Extension;
import com.krenalis.api.platform.ExtensionCatalog;
import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.warehouse.WarehouseDriver;
import com.krenalis.core.internal.config.PlatformConfig;
import com.krenalis.core.internal.connections.ConnectionServiceImpl;
import com.krenalis.core.internal.connections.WriteKeyCache;
import com.krenalis.core.internal.keys.ApiKeyServiceImpl;
import com.krenalis.core.internal.keys.AuthenticationCache;
import com.krenalis.core.internal.store.MetadataStoreConfig;
import com.krenalis.core.internal.store.PostgresMetadataStore;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import com.krenalis.core.internal.workspaces.WorkspaceWarehouses;
import com.krenalis.testing.TestPostgres;
import java.lang.annotation.Annotation;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.osgi.service.condition.Condition;

/**
 * The core's services wired by hand on a real PostgreSQL (fresh metadata and warehouse databases) and the real
 * PostgreSQL warehouse driver, without a framework; the wiring inside Felix is covered by itests/osgi.
 */
public final class CoreFixture implements AutoCloseable {
    public final String metadataUrl = TestPostgres.newDatabase("meta");
    public final String warehouseUrl = TestPostgres.newDatabase("wh");
    public final byte[] secretKey = new byte[32];
    public final PostgresMetadataStore store;
    public final WorkspaceWarehouses warehouses;
    public final WorkspaceServiceImpl workspaces;
    public final ApiKeyServiceImpl keys;
    public final ConnectionServiceImpl connections;
    /** The transformation engines the catalog offers; tests add and remove them as bundles would come and go. */
    public final List<TransformationEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final ExtensionCatalog catalog;
    /** A record source ({@code test-records}) whose schema and records tests set. */
    public final TestRecordSource records = new TestRecordSource();
    /** The connectors the catalog offers; tests may remove and add them as bundles would go and come. */
    public final List<Connector> connectors = new java.util.concurrent.CopyOnWriteArrayList<>(
            List.of(new com.krenalis.connector.faker.FakerConnector(), new TestSdkConnector(), records, new TestFiles(),
                    new TestLinesFormat()));

    public CoreFixture() throws Exception {
        new SecureRandom().nextBytes(secretKey);
        store = new PostgresMetadataStore(metadataConfig(metadataUrl), Condition.INSTANCE);
        FixedCatalog catalog = new FixedCatalog(List.of(new com.krenalis.driver.postgresql.internal.PostgresWarehouseDriver()),
                connectors, engines);
        this.catalog = catalog;
        warehouses = new WorkspaceWarehouses(platformConfig(), catalog);
        AuthenticationCache authentications = new AuthenticationCache();
        WriteKeyCache writeKeys = new WriteKeyCache();
        workspaces = new WorkspaceServiceImpl(store, warehouses, authentications, writeKeys);
        keys = new ApiKeyServiceImpl(store, workspaces, authentications);
        connections = new ConnectionServiceImpl(platformConfig(), store, workspaces, catalog, writeKeys);
    }

    /** Creates the organization row the bootstrap would create, returning its id. */
    public long organization() {
        return store.transaction(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "INSERT INTO organizations (name) VALUES ('Test organization') RETURNING id")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public static MetadataStoreConfig metadataConfig(String url) {
        return new MetadataStoreConfig() {
            public String url() { return url; }
            public String user() { return TestPostgres.user(); }
            public String _password() { return ""; }
            public int maxConnections() { return 4; }
            public Class<? extends Annotation> annotationType() { return MetadataStoreConfig.class; }
        };
    }

    public PlatformConfig platformConfig() {
        String key = Base64.getEncoder().encodeToString(secretKey);
        return new PlatformConfig() {
            public String warehouseUrl() { return warehouseUrl; }
            public String warehouseUser() { return TestPostgres.user(); }
            public String _warehousePassword() { return ""; }
            public String _secretKey() { return key; }
            public String _adminKey() { return ""; }
            public String publicUrl() { return "http://localhost:0"; }
            public Class<? extends Annotation> annotationType() { return PlatformConfig.class; }
        };
    }

    @Override
    public void close() {
        warehouses.closeAll();
        store.close();
    }

    /** A catalog holding real extensions: what the OSGi catalog returns once their bundles are active. */
    private record FixedCatalog(List<WarehouseDriver> drivers, List<Connector> connectors, List<TransformationEngine> engines)
            implements ExtensionCatalog {
        public List<Extension> list(Extension.ExtensionType type) { return List.of(); }
        public Optional<Connector> connector(String code) {
            return connectors.stream().filter(c -> c.spec().code().equals(code)).findFirst();
        }
        public Optional<WarehouseDriver> warehouseDriver(String code) {
            return drivers.stream().filter(d -> d.code().equals(code)).findFirst();
        }
        public Optional<TransformationEngine> transformationEngine(String language) {
            return engines.stream().filter(e -> e.language().equals(language)).findFirst();
        }
    }
}
