package com.krenalis.api.platform;

/**
 * Who is calling: an authenticated API key.
 *
 * @param workspaceId null for an organization key (administers everything), else the one workspace the key may use
 */
public record Principal(long keyId, long organizationId, Long workspaceId) {

    public boolean isOrganizationKey() {
        return workspaceId == null;
    }

    /** Whether this key may see and use the workspace. */
    public boolean canAccess(long workspace) {
        return workspaceId == null || workspaceId == workspace;
    }

    /** @throws ForbiddenException unless this is an organization key */
    public void requireOrganizationKey() {
        if (!isOrganizationKey()) {
            throw new ForbiddenException("this operation needs an organization API key; this key is limited to workspace " + workspaceId);
        }
    }
}
