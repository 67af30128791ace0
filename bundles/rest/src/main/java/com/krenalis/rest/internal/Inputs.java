package com.krenalis.rest.internal;

import com.krenalis.api.platform.WarehouseConfig;
import java.util.Map;

/** Request bodies. Missing required parts are reported by name. */
final class Inputs {
    private Inputs() {
    }

    record WarehouseInput(String driver, Map<String, Object> settings) {
        WarehouseConfig toConfig() {
            return new WarehouseConfig(driver, settings);
        }
    }

    record WorkspaceInput(String name, WarehouseInput warehouse) {
    }

    record ApiKeyInput(String name, Long workspaceId) {
    }

    record RenameInput(String name) {
    }

    record ConnectionInput(String name, String role, String connector, Map<String, Object> settings) {
    }

    record ConnectionUpdate(String name, Boolean enabled, Map<String, Object> settings) {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw ApiError.badRequest("body", "a JSON object is required");
        }
        return body;
    }
}
