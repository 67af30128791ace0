package com.krenalis.itests.sdkcompat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link KrenalisServer} for every test class of the run that asks for one as a parameter: started at the first
 * request (on an emptied {@code target/sdk-server}), stopped and deleted by JUnit when all tests are done. Each test uses its own source connection, so the tests do not
 * see each other's events. A failed test prints the end of the server's log.
 */
final class SharedServer implements ParameterResolver, TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

    /** The running server, closed by JUnit at the end of the run, when its folders are deleted too. */
    private record Running(KrenalisServer server, Path root) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
            KrenalisServer.deleteRecursively(root);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KrenalisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Running running = context.getRoot().getStore(NAMESPACE).get(Running.class, Running.class);
        if (running != null) {
            System.out.println("\n" + context.getDisplayName() + " failed; " + running.server().logTail(60));
        }
    }

    private static KrenalisServer server(ExtensionContext context) {
        Path root = Path.of(System.getProperty("sdk.server.dir", "target/sdk-server")).toAbsolutePath();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class,
                k -> new Running(KrenalisServer.start(root, Duration.ofSeconds(120)), root), Running.class).server();
    }
}
