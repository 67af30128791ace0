package com.krenalis.runtime.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the distribution is installed, and which configuration file to read. */
final class Home {
    private Home() {
    }

    /** The directory holding krenalis.jar, bundles/ and conf/. */
    static Path directory() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code --config FILE}, else {@code KRENALIS_CONFIG}, else {@code conf/krenalis.properties} of the
     * distribution if present.
     */
    static Path configFile(Path home, String[] args, Map<String, String> env) throws ConfigException {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 == args.length) {
                    throw new ConfigException("--config needs a file name");
                }
                return existing(Path.of(args[i + 1]), "--config");
            }
            throw new ConfigException("unknown argument '" + args[i] + "'; usage: krenalis [--config FILE]");
        }
        String fromEnv = env.get("KRENALIS_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return existing(Path.of(fromEnv), "KRENALIS_CONFIG");
        }
        Path bundled = home.resolve("conf").resolve("krenalis.properties");
        return Files.isRegularFile(bundled) ? bundled : null;
    }

    private static Path existing(Path file, String name) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(name + ": no such file: " + file);
        }
        return file;
    }
}
