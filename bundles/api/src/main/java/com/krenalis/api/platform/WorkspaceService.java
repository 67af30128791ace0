package com.krenalis.api.platform;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Workspaces of the organization. Every method checks what the principal may do. */
@ProviderType
public interface WorkspaceService {

    /** The workspaces the principal can access, by id. */
    List<Workspace> list(Principal principal);

    Workspace get(Principal principal, long id);

    /**
     * Creates a workspace: validates the warehouse settings, checks the connection, then creates the namespace and
     * the workspace's tables in the warehouse.
     *
     * @param warehouse null for the server's default warehouse
     */
    Workspace create(Principal principal, String name, WarehouseConfig warehouse);

    /**
     * Renames a workspace and/or points it at another warehouse (checked and initialised like on create).
     * Null arguments leave that part unchanged.
     */
    Workspace update(Principal principal, long id, String name, WarehouseConfig warehouse);

    /**
     * Deletes the workspace's metadata and its API keys. The warehouse namespace and its data are left in place: they
     * are the customer's data, dropped only by the customer.
     */
    void delete(Principal principal, long id);
}
