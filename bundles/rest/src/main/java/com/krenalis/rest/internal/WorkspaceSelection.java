package com.krenalis.rest.internal;

import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Which workspace a workspace-level route (connections, events, ...) acts on: a workspace key's own workspace, or for
 * an organization key the one named by the {@value #HEADER} header.
 */
final class WorkspaceSelection {
    static final String HEADER = "Krenalis-Workspace";

    private WorkspaceSelection() {
    }

    static long of(ContainerRequestContext request) {
        Principal principal = ApiKeyFilter.principal(request);
        String header = request.getHeaderString(HEADER);
        Long named = null;
        if (header != null && !header.isBlank()) {
            try {
                named = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest(HEADER, "must be a workspace id");
            }
        }
        if (principal.workspaceId() != null) {
            if (named != null && named.longValue() != principal.workspaceId()) {
                throw new NotFoundException("no workspace " + named);
            }
            return principal.workspaceId();
        }
        if (named == null) {
            throw ApiError.badRequest(HEADER, "is required with an organization key: the id of the workspace to act on");
        }
        return named;
    }
}
