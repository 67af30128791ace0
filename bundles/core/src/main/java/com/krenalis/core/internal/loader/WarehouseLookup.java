package com.krenalis.core.internal.loader;

import com.krenalis.api.warehouse.Warehouse;
import java.util.Optional;

/** The open warehouse of a workspace; empty when the workspace no longer exists. */
@FunctionalInterface
interface WarehouseLookup {
    Optional<Warehouse> of(long workspaceId);
}
