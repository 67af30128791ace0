package com.krenalis.api.profiles;

import com.krenalis.api.platform.EventQueries;
import com.krenalis.api.platform.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/** Reads the published profiles, their identities and their events. */
@ProviderType
public interface ProfileQueries {

    /**
     * @param properties the schema properties to return (empty: all); {@code _kpid}, {@code _updated_at} and
     *                   {@code _identities} always come
     * @param filter     JSON-like filter {@code {"logical":"and"|"or","conditions":[{"property","operator","values"}]}},
     *                   or null
     * @param order      a property to order by (null: {@code _kpid}), with {@code descending}
     * @param limit      1 to 1000
     * @param cursor     from the previous page's {@code next}, or null
     */
    record Query(List<String> properties, Map<String, Object> filter, String order, boolean descending, int limit,
                 String cursor) {
    }

    /** @param next the cursor of the next page, or null on the last */
    record Page(List<Map<String, Object>> profiles, String next) {
    }

    Page list(Principal principal, long workspaceId, Query query);

    Optional<Map<String, Object>> profile(Principal principal, long workspaceId, UUID kpid);

    /** The identities of a profile (their meta columns and properties). */
    List<Map<String, Object>> identities(Principal principal, long workspaceId, UUID kpid);

    /** The events of a profile, newest first, paged like {@link EventQueries#list}. */
    EventQueries.Page events(Principal principal, long workspaceId, UUID kpid, int limit, String cursor);
}
