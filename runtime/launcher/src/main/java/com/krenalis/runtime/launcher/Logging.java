package com.krenalis.runtime.launcher;

/**
 * Configures slf4j-simple (used by the launcher and, as its own bundle, inside the framework) before any logger exists.
 */
final class Logging {
    private Logging() {
    }

    static void configure(String level) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        // Third-party chatter at info level adds nothing for an operator.
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.zonky", "warn");
        configureJavaUtilLogging();
    }

    /**
     * Jersey, HK2 and SPI Fly log through java.util.logging; keep their warnings and errors, on one line each, and
     * drop the start-up notices that say nothing to an operator.
     */
    static void configureJavaUtilLogging() {
        String config = String.join("\n",
                "handlers=java.util.logging.ConsoleHandler",
                ".level=WARNING",
                "java.util.logging.ConsoleHandler.level=ALL",
                "java.util.logging.SimpleFormatter.format=%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n",
                // Harmless in OSGi: WADL needs a JAXB implementation we do not ship; servlet-only providers.
                "org.glassfish.jersey.server.wadl.WadlFeature.level=SEVERE",
                "org.glassfish.jersey.internal.inject.Providers.level=SEVERE",
                "org.apache.aries.spifly.level=WARNING",
                "");
        try {
            java.util.logging.LogManager.getLogManager().readConfiguration(
                    new java.io.ByteArrayInputStream(config.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
