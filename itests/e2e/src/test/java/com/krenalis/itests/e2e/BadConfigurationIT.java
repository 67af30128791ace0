package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad setting stops start-up at once with exit code 2 and a message that names it, before anything is written. */
@ExtendWith({SharedServer.class, ServerLogs.class})
class BadConfigurationIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            KRENALIS_HTTP_PORT     | abc        | KRENALIS_HTTP_PORT (http.port)
            KRENALIS_HTTP_PORT     | 70000      | KRENALIS_HTTP_PORT (http.port)
            KRENALIS_ADMIN_KEY     | short      | KRENALIS_ADMIN_KEY (admin.key)
            KRENALIS_METADATA_URL  | mysql://x  | KRENALIS_METADATA_URL (metadata.url)
            KRENALIS_LOG_LEVEL     | loud       | KRENALIS_LOG_LEVEL (log.level)
            KRENALIS_SECRET_KEY    | not-base64 | KRENALIS_SECRET_KEY (secret.key)
            """)
    void badSettingExitsWithCode2NamingIt(String variable, String value, String named) {
        ServerSetup setup = ServerSetup.fresh(root).with(variable, value);
        ServerProcess server = ServerProcess.start("bad-" + variable.toLowerCase(Locale.ROOT), setup);
        int exitCode = server.awaitExit(EXIT_TIMEOUT);
        String output = server.log();
        assertEquals(2, exitCode, server::logForHumans);
        assertTrue(output.contains(named), () -> "the message does not name " + named + "\n" + server.logForHumans());
        assertTrue(output.lines().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception in thread")),
                () -> "a configuration error is a message, not a stack trace\n" + server.logForHumans());
        assertFalse(Files.exists(setup.dataDir()), "a bad configuration created the data dir");
        if (variable.endsWith("_KEY")) {
            assertFalse(output.contains(value), "the message repeats the secret value");
        }
    }

    @Test
    void secondServerOnTheSameDataDirIsRefused(ServerProcess shared) {
        ServerSetup setup = ServerSetup.fresh(root);
        ServerSetup sameData = new ServerSetup(shared.setup().dataDir(), setup.deployDir(), setup.httpPort(),
                setup.embeddedPort(), setup.environment());
        ServerProcess second = ServerProcess.start("second-on-shared-data", sameData);
        assertEquals(2, second.awaitExit(EXIT_TIMEOUT), second::logForHumans);
        assertTrue(second.log().contains("KRENALIS_DATA_DIR (data.dir)"), second::logForHumans);
        shared.api(null).get("/v1/health").expect(200);
        assertTrue(shared.postgres().isPresent(), "the refused server stopped the running one's PostgreSQL");
    }
}
