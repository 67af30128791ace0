package com.krenalis.itests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One server shared by every test class that asks for it (a {@link ServerProcess} or an {@link AdminApi} parameter):
 * started once per test JVM on a fresh data dir without {@code KRENALIS_ADMIN_KEY}, so it generates and prints its
 * admin key, which the {@link AdminApi} it hands out uses. Stopped, and its folders deleted, when all tests are done.
 * Tests on it must not depend on what other classes did to it (use unique names; clean up what you deploy).
 */
final class SharedServer implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** The running server, closed by JUnit at the end of the run. */
    static final class Running implements ExtensionContext.Store.CloseableResource {
        private final Path root;
        final ServerProcess process;
        final String adminKey;

        Running() {
            try {
                root = Files.createTempDirectory("krenalis-e2e-shared-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            process = ServerProcess.start("shared", ServerSetup.fresh(root));
            process.waitHealthy(START_TIMEOUT);
            adminKey = process.generatedAdminKey()
                    .orElseThrow(() -> new AssertionError("the first start printed no admin key\n" + process.logForHumans()));
        }

        @Override
        public void close() throws IOException {
            ServerProcess.trace("all tests done with the shared server");
            process.close();
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ServerProcess.class || type == AdminApi.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, k -> new Running(), Running.class);
        return parameter.getParameter().getType() == ServerProcess.class
                ? running.process : running.process.api(running.adminKey);
    }
}
