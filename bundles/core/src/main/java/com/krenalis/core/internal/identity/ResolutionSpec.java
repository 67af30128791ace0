package com.krenalis.core.internal.identity;

import com.krenalis.api.types.Property;
import java.util.List;
import java.util.Map;

/**
 * What one identity-resolution run needs to know.
 *
 * @param runId              names the run's tables ({@code profiles_<runId>})
 * @param properties         the user schema's properties: the identities' columns and the profiles'
 * @param identifiers        property names, highest priority first
 * @param blocklist          per identifier, values that count as no value
 * @param maxIdentities      components larger than this are not merged across connections (the guard)
 * @param primaryConnections per property, the only connection its value is taken from
 */
record ResolutionSpec(long runId, List<Property> properties, List<String> identifiers,
                      Map<String, List<String>> blocklist, int maxIdentities, Map<String, Long> primaryConnections) {
    ResolutionSpec {
        properties = List.copyOf(properties);
        identifiers = List.copyOf(identifiers);
        blocklist = Map.copyOf(blocklist);
        primaryConnections = Map.copyOf(primaryConnections);
    }
}
