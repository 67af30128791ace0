package com.krenalis.runtime.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The validated configuration: defaults, overridden by the properties file, overridden by the environment.
 */
public record LauncherConfig(String httpHost, int httpPort, Path dataDir, Path deployDir, String adminKey,
                             byte[] secretKey, Database metadata, Database warehouse, int embeddedPort,
                             int collectorRateLimit, int warehouseLoadMaxDeferSeconds, String logLevel,
                             int shutdownTimeoutSeconds) {

    /** An external PostgreSQL, or null fields for the embedded one. */
    public record Database(String url, String user, String password) {
        public boolean embedded() {
            return url == null;
        }

        @Override
        public String toString() {
            return embedded() ? "embedded" : url + " as " + user;
        }
    }

    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    /**
     * Loads the configuration.
     *
     * @param file the properties file, or null for none
     * @param env  the environment (System.getenv() in production)
     */
    public static LauncherConfig load(Path file, Map<String, String> env) throws ConfigException {
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            raw.put(s, s.defaultValue());
        }
        if (file != null) {
            Properties props = read(file);
            for (String name : props.stringPropertyNames()) {
                Setting s = byKey(name, file);
                raw.put(s, props.getProperty(name).trim());
            }
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.envName());
            if (v != null) {
                raw.put(s, v.trim());
            }
        }
        return validate(raw);
    }

    private static Properties read(Path file) throws ConfigException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        return props;
    }

    private static Setting byKey(String key, Path file) throws ConfigException {
        for (Setting s : Setting.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new ConfigException("unknown setting '" + key + "' in " + file);
    }

    private static LauncherConfig validate(Map<Setting, String> raw) throws ConfigException {
        String adminKey = raw.get(Setting.ADMIN_KEY);
        if (!adminKey.isEmpty() && !adminKey.matches("[\\x21-\\x7e]{24,200}")) {
            throw new ConfigException(Setting.ADMIN_KEY.display()
                    + " must be 24 to 200 printable ASCII characters without spaces");
        }
        return new LauncherConfig(
                host(raw),
                port(raw, Setting.HTTP_PORT),
                Path.of(nonEmpty(raw, Setting.DATA_DIR)).toAbsolutePath().normalize(),
                Path.of(nonEmpty(raw, Setting.DEPLOY_DIR)).toAbsolutePath().normalize(),
                adminKey.isEmpty() ? null : adminKey,
                secretKey(raw.get(Setting.SECRET_KEY)),
                database(raw, Setting.METADATA_URL, Setting.METADATA_USER, Setting.METADATA_PASSWORD),
                database(raw, Setting.WAREHOUSE_URL, Setting.WAREHOUSE_USER, Setting.WAREHOUSE_PASSWORD),
                port(raw, Setting.EMBEDDED_PORT),
                intIn(raw, Setting.COLLECTOR_RATE_LIMIT, 0, 1_000_000_000),
                intIn(raw, Setting.WAREHOUSE_LOAD_MAX_DEFER_SECONDS, 0, 86_400),
                logLevel(raw.get(Setting.LOG_LEVEL)),
                intIn(raw, Setting.SHUTDOWN_TIMEOUT, 1, 3600));
    }

    private static String host(Map<Setting, String> raw) throws ConfigException {
        String host = nonEmpty(raw, Setting.HTTP_HOST);
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new ConfigException(Setting.HTTP_HOST.display() + " = '" + host + "' is not a host name or address");
        }
        return host;
    }

    private static int port(Map<Setting, String> raw, Setting s) throws ConfigException {
        return intIn(raw, s, 1, 65535);
    }

    private static int intIn(Map<Setting, String> raw, Setting s, int min, int max) throws ConfigException {
        String v = raw.get(s);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(s.display() + " = '" + v + "' must be a whole number between " + min + " and " + max);
    }

    private static String nonEmpty(Map<Setting, String> raw, Setting s) throws ConfigException {
        String v = raw.get(s);
        if (v.isEmpty()) {
            throw new ConfigException(s.display() + " must not be empty");
        }
        return v;
    }

    private static byte[] secretKey(String v) throws ConfigException {
        if (v.isEmpty()) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(v);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigException(Setting.SECRET_KEY.display() + " must be 32 bytes in base64 (e.g. the output of 'openssl rand -base64 32')");
    }

    private static Database database(Map<Setting, String> raw, Setting url, Setting user, Setting password)
            throws ConfigException {
        String u = raw.get(url);
        if (u.isEmpty()) {
            for (Setting s : new Setting[] {user, password}) {
                if (!raw.get(s).isEmpty()) {
                    throw new ConfigException(s.display() + " is set but " + url.display()
                            + " is not: set the URL too, or remove it to use the embedded PostgreSQL");
                }
            }
            return new Database(null, null, null);
        }
        if (!u.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(url.display() + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (raw.get(user).isEmpty()) {
            throw new ConfigException(user.display() + " is required when " + url.display() + " is set");
        }
        String pw = raw.get(password);
        return new Database(u, raw.get(user), pw.isEmpty() ? null : pw);
    }

    private static String logLevel(String v) throws ConfigException {
        if (!LOG_LEVELS.contains(v)) {
            throw new ConfigException(Setting.LOG_LEVEL.display() + " = '" + v + "' must be one of trace, debug, info, warn, error");
        }
        return v;
    }

    /** Never shows passwords or keys. */
    @Override
    public String toString() {
        return "http=" + httpHost + ":" + httpPort + ", data=" + dataDir + ", deploy=" + deployDir
                + ", metadata=" + metadata + ", warehouse=" + warehouse;
    }
}
