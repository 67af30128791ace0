package com.krenalis.api.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Reads the events of a workspace from its warehouse, newest first. */
@ProviderType
public interface EventQueries {

    /**
     * @param connectionId only this source, or null
     * @param type         only this event type, or null
     * @param since        received at or after, or null
     * @param until        received before, or null
     */
    record Filter(Long connectionId, String type, Instant since, Instant until) {
    }

    /**
     * @param events the events, as their warehouse columns (JSON columns as JSON trees)
     * @param next   the cursor of the next page, or null on the last page
     */
    record Page(List<Map<String, Object>> events, String next) {
    }

    /**
     * @param limit  1 to 1000
     * @param cursor from a previous page's {@link Page#next()}, or null for the first page
     */
    Page list(Principal principal, long workspaceId, Filter filter, int limit, String cursor);
}
