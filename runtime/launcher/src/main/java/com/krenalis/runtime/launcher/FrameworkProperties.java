package com.krenalis.runtime.launcher;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What the launcher hands to the framework and its bundles: Felix, FileInstall and HTTP settings, and the
 * {@code krenalis.*} properties the core's configuration seeder reads. Public so that tests booting the bundles in
 * another container (itests/osgi) configure them exactly as the server does.
 */
public final class FrameworkProperties {

    private FrameworkProperties() {
    }

    public static Map<String, String> of(LauncherConfig c, byte[] secretKey) {
        Map<String, String> p = new HashMap<>();
        p.put("org.osgi.framework.storage", c.dataDir().resolve("felix-cache").toString());
        // The installed set is always the distribution plus deploy/: rebuild the cache on every start.
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        p.put("org.osgi.framework.bootdelegation", "sun.*,com.sun.*,jdk.internal.*");
        p.put("felix.log.level", "1");
        // Only the JDK is visible to bundles, never the launcher's class path.
        p.put("felix.bootdelegation.implicit", "false");
        // Hot deployment: the deploy/ folder is polled twice a second.
        p.put("felix.fileinstall.dir", c.deployDir().toString());
        p.put("felix.fileinstall.poll", "500");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        // Bundles, and .cfg files: operator settings of extensions, handed to Configuration Admin (the local-files
        // connector's allowedRoots, for one).
        p.put("felix.fileinstall.filter", ".*\\.(jar|cfg)");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.fileinstall.tmpdir", c.dataDir().resolve("tmp").toString());
        // HTTP
        p.put("org.osgi.service.http.port", Integer.toString(c.httpPort()));
        p.put("org.apache.felix.http.host", c.httpHost());
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("org.apache.felix.jetty.stopTimeout", Long.toString(c.shutdownTimeoutSeconds() * 1000L));
        // For the core (read by its configuration seeder)
        String embeddedUser = "postgres";
        putDatabase(p, "krenalis.metadata", c.metadata(), c, Main.METADATA_DATABASE, embeddedUser);
        putDatabase(p, "krenalis.warehouse", c.warehouse(), c, Main.WAREHOUSE_DATABASE, embeddedUser);
        p.put("krenalis.secret.key", Base64.getEncoder().encodeToString(secretKey));
        if (c.adminKey() != null) {
            p.put("krenalis.admin.key", c.adminKey());
        }
        String host = c.httpHost().equals("0.0.0.0") || c.httpHost().equals("::") ? "localhost" : c.httpHost();
        p.put("krenalis.public.url", "http://" + host + ":" + c.httpPort());
        p.put("krenalis.data.dir", c.dataDir().toString());
        p.put("krenalis.collector.rate.limit", Integer.toString(c.collectorRateLimit()));
        p.put("krenalis.warehouse.load.max.defer.seconds", Integer.toString(c.warehouseLoadMaxDeferSeconds()));
        return p;
    }

    private static void putDatabase(Map<String, String> p, String prefix, LauncherConfig.Database db,
                                    LauncherConfig c, String embeddedDatabase, String embeddedUser) {
        if (db.embedded()) {
            p.put(prefix + ".url", "jdbc:postgresql://127.0.0.1:" + c.embeddedPort() + "/" + embeddedDatabase);
            p.put(prefix + ".user", embeddedUser);
        } else {
            p.put(prefix + ".url", db.url());
            p.put(prefix + ".user", db.user());
            if (db.password() != null) {
                p.put(prefix + ".password", db.password());
            }
        }
    }
}
