package com.krenalis.core.internal.profiles;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.EventQueries;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.profiles.ProfileQueries;
import com.krenalis.api.warehouse.UnitOfWork;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.common.WarehouseRows;
import com.krenalis.core.internal.events.WarehouseEventQueries;
import com.krenalis.core.internal.profiles.WarehouseColumns.Column;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads the workspace's published profiles (the {@code profiles} view of the latest successful run), their
 * identities and their events from its warehouse. The properties and their types come from the view's columns, so a
 * schema change takes effect here when a run publishes it; a workspace without a run yet has no profiles.
 */
@Component(service = ProfileQueries.class)
public final class ProfileQueriesImpl implements ProfileQueries {
    static final String PROFILES = "profiles";
    static final String IDENTITIES = "identities";
    /** The key of an identity (docs/identity-resolution.md): a profile's identities come in this order. */
    static final List<String> IDENTITY_KEY = List.of("_connection", "_pipeline", "_identity_id", "_is_anonymous");

    private final WorkspaceServiceImpl workspaces;
    private final WarehouseEventQueries events;

    @Activate
    public ProfileQueriesImpl(@Reference WorkspaceServiceImpl workspaces, @Reference WarehouseEventQueries events) {
        this.workspaces = requireNonNull(workspaces);
        this.events = requireNonNull(events);
    }

    @Override
    public Page list(Principal principal, long workspaceId, Query query) {
        requireNonNull(query, "query");
        workspaces.row(principal, workspaceId);
        if (query.limit() < 1 || query.limit() > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        return read(workspaceId, (w, c) -> {
            Map<String, Column> columns = WarehouseColumns.of(c, w.namespace(), PROFILES);
            if (columns.isEmpty()) {
                if (query.cursor() != null) {
                    ProfileCursor.parse(query.cursor(), query.order() == null ? ProfileListQuery.KPID : query.order(),
                            query.descending());
                }
                return new Page(List.of(), null); // no run has published profiles yet
            }
            ProfileListQuery.Sql sql = ProfileListQuery.build(w.table(PROFILES), columns, query, w::quote);
            List<Map<String, Object>> profiles = new ArrayList<>();
            String next = null;
            Object lastValue = null;
            try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
                bind(ps, sql.args());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (profiles.size() == query.limit()) {
                            next = ProfileListQuery.cursor(sql, profiles.get(profiles.size() - 1), lastValue);
                            break;
                        }
                        Map<String, Object> row = WarehouseRows.row(rs);
                        lastValue = row.remove(ProfileListQuery.CURSOR_VALUE);
                        profiles.add(row);
                    }
                }
            }
            return new Page(profiles, next);
        });
    }

    @Override
    public Optional<Map<String, Object>> profile(Principal principal, long workspaceId, UUID kpid) {
        requireNonNull(kpid, "kpid");
        workspaces.row(principal, workspaceId);
        List<Map<String, Object>> rows = byKpid(workspaceId, PROFILES, kpid, List.of());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public List<Map<String, Object>> identities(Principal principal, long workspaceId, UUID kpid) {
        requireNonNull(kpid, "kpid");
        workspaces.row(principal, workspaceId);
        return byKpid(workspaceId, IDENTITIES, kpid, IDENTITY_KEY);
    }

    @Override
    public EventQueries.Page events(Principal principal, long workspaceId, UUID kpid, int limit, String cursor) {
        requireNonNull(kpid, "kpid");
        return events.ofProfile(principal, workspaceId, kpid, limit, cursor);
    }

    /** The rows of a relation with the KPID, in the given order; none when the relation does not exist yet. */
    private List<Map<String, Object>> byKpid(long workspaceId, String relation, UUID kpid, List<String> orderBy) {
        return read(workspaceId, (w, c) -> {
            Map<String, Column> columns = WarehouseColumns.of(c, w.namespace(), relation);
            if (!columns.containsKey(ProfileListQuery.KPID)) {
                return List.of();
            }
            String sql = "SELECT * FROM " + w.table(relation) + " WHERE " + w.quote(ProfileListQuery.KPID) + " = ?";
            List<String> order = orderBy.stream().filter(columns::containsKey).map(w::quote).toList();
            if (!order.isEmpty()) {
                sql += " ORDER BY " + String.join(", ", order);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, kpid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(WarehouseRows.row(rs));
                    }
                }
            }
            return rows;
        });
    }

    /** A read in the workspace's warehouse, with the warehouse at hand for quoting. */
    private interface Read<T> {
        T run(Warehouse w, java.sql.Connection c) throws java.sql.SQLException;
    }

    private <T> T read(long workspaceId, Read<T> read) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        try {
            UnitOfWork<T> work = c -> read.run(w, c);
            return w.execute(work);
        } catch (WarehouseException e) {
            throw new UnavailableException("the workspace's warehouse cannot be read: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws java.sql.SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
