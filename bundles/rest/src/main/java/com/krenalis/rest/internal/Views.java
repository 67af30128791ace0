package com.krenalis.rest.internal;

import com.krenalis.api.platform.ApiKey;
import com.krenalis.api.platform.Extension;
import com.krenalis.api.platform.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the admin API's answers, kept apart from the service model so that both can evolve. */
final class Views {
    private Views() {
    }

    record WarehouseView(String driver, boolean serverDefault, Map<String, Object> settings) {
    }

    record WorkspaceView(long id, String name, WarehouseView warehouse, String namespace, Instant createdAt, Instant updatedAt) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.id(), w.name(), new WarehouseView(w.warehouse().driver(), w.warehouse().isServerDefault(),
                    w.warehouse().settings()), w.namespace(), w.createdAt(), w.updatedAt());
        }
    }

    record ApiKeyView(long id, String name, String prefix, Long workspaceId, Instant createdAt, Instant lastUsedAt, String token) {
        static ApiKeyView of(ApiKey k) {
            return of(k, null);
        }

        static ApiKeyView of(ApiKey k, String token) {
            return new ApiKeyView(k.id(), k.name(), k.prefix(), k.workspaceId(), k.createdAt(), k.lastUsedAt(), token);
        }
    }

    record BundleView(long id, String symbolicName, String version, String location) {
    }

    record ExtensionView(String code, String name, List<String> kinds, String version, String vendor, String license,
                         String state, String failure, BundleView bundle) {
        static ExtensionView of(Extension e) {
            BundleView b = e.bundle() == null ? null
                    : new BundleView(e.bundle().id(), e.bundle().symbolicName(), e.bundle().version(), e.bundle().location());
            return new ExtensionView(e.code(), e.name(), e.kinds(), e.version(), e.vendor(), e.license(), e.state(), e.failure(), b);
        }
    }

    static String typeName(Extension.ExtensionType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
