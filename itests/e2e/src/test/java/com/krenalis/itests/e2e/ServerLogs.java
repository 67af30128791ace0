package com.krenalis.itests.e2e;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the logs of the servers a failed test may have talked to: those started since its class began, and those
 * still running (the shared one). The logs also stay in {@code target/e2e-logs}.
 */
final class ServerLogs implements BeforeAllCallback, TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerLogs.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("first", ServerProcess.started().size());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Integer first = context.getStore(NAMESPACE).get("first", Integer.class);
        List<ServerProcess> all = ServerProcess.started();
        for (int i = 0; i < all.size(); i++) {
            ServerProcess server = all.get(i);
            if (server.isAlive() || i >= Optional.ofNullable(first).orElse(0)) {
                System.out.println("\n" + context.getDisplayName() + " failed; " + server.logForHumans());
            }
        }
    }
}
