package com.krenalis.core.internal.workspaces;

import java.time.Instant;
import java.util.Map;

/** A workspace as stored: secrets in {@code warehouseSettings} are ciphertexts. */
record WorkspaceRow(long id, long organizationId, String name, String warehouseDriver, Map<String, Object> warehouseSettings,
                    String warehouseKey, String namespace, Instant createdAt, Instant updatedAt) {
}
