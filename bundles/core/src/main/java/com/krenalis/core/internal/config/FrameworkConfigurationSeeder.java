package com.krenalis.core.internal.config;

import com.krenalis.core.internal.store.PostgresMetadataStore;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bridges the launcher to Configuration Admin: the launcher validates the configuration file and environment and
 * passes the result as framework properties ({@code krenalis.*}); this writes them into the configurations the
 * components read. Keeping the launcher free of OSGi services keeps it small; keeping components on typed
 * configurations keeps them testable and re-configurable.
 */
@Component(immediate = true)
public final class FrameworkConfigurationSeeder {
    /** PID of the JAX-RS whiteboard's servlet adapter, which serves nothing until configured (shared/STACK.md). */
    static final String JAKARTARS_WHITEBOARD_PID = "JakartarsServletWhiteboardRuntimeComponent";
    /** The collector's component (bundles/ingest), configured by name: the core does not depend on it. */
    static final String COLLECTOR_PID = "com.krenalis.ingest.internal.Collector";
    static final String WAREHOUSE_LOADER_PID = "com.krenalis.core.internal.loader.WarehouseLoader";

    @Activate
    public FrameworkConfigurationSeeder(BundleContext context, @Reference ConfigurationAdmin configAdmin) throws IOException {
        seed(configAdmin, PostgresMetadataStore.PID, props(
                "url", context.getProperty("krenalis.metadata.url"),
                "user", context.getProperty("krenalis.metadata.user"),
                ".password", context.getProperty("krenalis.metadata.password")));
        seed(configAdmin, PlatformConfig.PID, props(
                "warehouseUrl", context.getProperty("krenalis.warehouse.url"),
                "warehouseUser", context.getProperty("krenalis.warehouse.user"),
                ".warehousePassword", context.getProperty("krenalis.warehouse.password"),
                ".secretKey", context.getProperty("krenalis.secret.key"),
                ".adminKey", context.getProperty("krenalis.admin.key"),
                "publicUrl", context.getProperty("krenalis.public.url")));
        seed(configAdmin, JAKARTARS_WHITEBOARD_PID, props());
        seed(configAdmin, COLLECTOR_PID, props("rateLimitEventsPerSecond", context.getProperty("krenalis.collector.rate.limit")));
        seed(configAdmin, WAREHOUSE_LOADER_PID, props("maxDeferSeconds", context.getProperty("krenalis.warehouse.load.max.defer.seconds")));
    }

    private static Dictionary<String, Object> props(String... keyValues) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                p.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return p;
    }

    /** Writes the configuration only when it differs, so restarts of this component do not churn its consumers. */
    private static void seed(ConfigurationAdmin admin, String pid, Dictionary<String, Object> props) throws IOException {
        if (props.get("url") == null && pid.equals(PostgresMetadataStore.PID)) {
            return; // not started by our launcher (e.g. a test framework): leave configuration to the test
        }
        Configuration config = admin.getConfiguration(pid, "?");
        Dictionary<String, Object> current = config.getProperties();
        if (current != null && sameEntries(current, props)) {
            return;
        }
        config.update(props);
    }

    private static boolean sameEntries(Dictionary<String, Object> current, Dictionary<String, Object> wanted) {
        for (Map.Entry<String, Object> e : ((Hashtable<String, Object>) wanted).entrySet()) {
            if (!Objects.equals(current.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
