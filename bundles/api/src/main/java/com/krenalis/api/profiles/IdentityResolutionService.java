package com.krenalis.api.profiles;

import com.krenalis.api.platform.Principal;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Identity resolution: settings, runs in the warehouse, rollback. */
@ProviderType
public interface IdentityResolutionService {

    IdentityResolutionSettings settings(Principal principal, long workspaceId);

    /**
     * @throws com.krenalis.api.platform.InvalidInputException naming the field when an identifier is not a property
     *                                                         of an allowed type, or a primary connection is unknown
     */
    IdentityResolutionSettings updateSettings(Principal principal, long workspaceId, IdentityResolutionSettings settings);

    /**
     * Starts a run in the background.
     *
     * @throws com.krenalis.api.platform.ConflictException while a run of the workspace is running
     */
    ResolutionRun start(Principal principal, long workspaceId);

    Optional<ResolutionRun> latest(Principal principal, long workspaceId);

    /** @throws com.krenalis.api.platform.NotFoundException when the workspace has no such run */
    ResolutionRun run(Principal principal, long workspaceId, long runId);

    /** The latest runs, newest first. */
    List<ResolutionRun> runs(Principal principal, long workspaceId, int limit);

    /**
     * Restores the previous run's profiles (and the KPIDs of identities and events) in one step.
     *
     * @throws com.krenalis.api.platform.ConflictException while a run is running, or when there is no previous result
     */
    ResolutionRun rollback(Principal principal, long workspaceId);
}
