package com.krenalis.api.profiles;

import java.util.List;
import java.util.Map;

/**
 * How a workspace resolves identities into profiles.
 *
 * @param identifiers                user-schema properties compared across connections, highest priority first
 *                                   (types string, int, decimal with scale 0, uuid, ip)
 * @param runAfterImport             whether a run starts after each successful batch import
 * @param blocklist                  per identifier, values that count as no value (junk such as test@test.com)
 * @param maxIdentitiesPerProfile    a guard against over-merging: a component with more identities is not merged
 *                                   across connections and is reported
 * @param primaryConnections         per property, the connection whose identities alone provide its value
 */
public record IdentityResolutionSettings(List<String> identifiers, boolean runAfterImport,
                                         Map<String, List<String>> blocklist, int maxIdentitiesPerProfile,
                                         Map<String, Long> primaryConnections) {
    public static final int DEFAULT_MAX_IDENTITIES_PER_PROFILE = 10_000;

    public IdentityResolutionSettings {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        blocklist = blocklist == null ? Map.of() : Map.copyOf(blocklist);
        primaryConnections = primaryConnections == null ? Map.of() : Map.copyOf(primaryConnections);
        if (maxIdentitiesPerProfile <= 0) {
            maxIdentitiesPerProfile = DEFAULT_MAX_IDENTITIES_PER_PROFILE;
        }
    }

    public static IdentityResolutionSettings defaults() {
        return new IdentityResolutionSettings(List.of(), false, Map.of(), DEFAULT_MAX_IDENTITIES_PER_PROFILE, Map.of());
    }
}
