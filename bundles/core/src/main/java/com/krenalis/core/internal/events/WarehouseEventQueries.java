package com.krenalis.core.internal.events;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.EventQueries;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.common.WarehouseRows;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads {@code events} from the workspace's warehouse with keyset paging on (received_at, message_id), newest first,
 * so that a page costs the same however deep it is. Plain SQL every warehouse speaks; identifiers quoted by the driver.
 */
@Component(service = {EventQueries.class, WarehouseEventQueries.class})
public final class WarehouseEventQueries implements EventQueries {
    static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");

    private final WorkspaceServiceImpl workspaces;

    @Activate
    public WarehouseEventQueries(@Reference WorkspaceServiceImpl workspaces) {
        this.workspaces = requireNonNull(workspaces);
    }

    @Override
    public Page list(Principal principal, long workspaceId, Filter filter, int limit, String cursor) {
        if (filter.type() != null && !TYPES.contains(filter.type())) {
            workspaces.row(principal, workspaceId);
            throw new InvalidInputException("type", "must be one of identify, track, page, screen, group, alias");
        }
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.connectionId() != null) {
            where.add("connection_id = ?");
            args.add(filter.connectionId());
        }
        if (filter.type() != null) {
            where.add("type = ?");
            args.add(filter.type());
        }
        if (filter.since() != null) {
            where.add("received_at >= ?");
            args.add(Timestamp.from(filter.since()));
        }
        if (filter.until() != null) {
            where.add("received_at < ?");
            args.add(Timestamp.from(filter.until()));
        }
        return page(principal, workspaceId, where, args, limit, cursor);
    }

    /** The events of one profile (their {@code kpid}), newest first, paged like {@link #list}. */
    public Page ofProfile(Principal principal, long workspaceId, UUID kpid, int limit, String cursor) {
        return page(principal, workspaceId, List.of("kpid = ?"), List.of(kpid), limit, cursor);
    }

    private Page page(Principal principal, long workspaceId, List<String> conditions, List<Object> conditionArgs,
                      int limit, String cursor) {
        workspaces.row(principal, workspaceId);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        Cursor after = cursor == null ? null : Cursor.parse(cursor);
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new com.krenalis.api.platform.NotFoundException("no workspace " + workspaceId));
        try {
            return w.execute(c -> {
                if (!tableExists(c, w.namespace())) {
                    return new Page(List.of(), null); // no event loaded yet
                }
                StringBuilder sql = new StringBuilder("SELECT * FROM ").append(w.table("events")).append(" WHERE 1 = 1");
                List<Object> args = new ArrayList<>(conditionArgs);
                for (String condition : conditions) {
                    sql.append(" AND ").append(condition);
                }
                if (after != null) {
                    sql.append(" AND (received_at < ? OR (received_at = ? AND message_id < ?))");
                    args.add(Timestamp.from(after.receivedAt()));
                    args.add(Timestamp.from(after.receivedAt()));
                    args.add(after.messageId());
                }
                sql.append(" ORDER BY received_at DESC, message_id DESC LIMIT ").append(limit + 1);
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setObject(i + 1, args.get(i));
                    }
                    return page(ps, limit);
                }
            });
        } catch (WarehouseException e) {
            throw new UnavailableException("the workspace's warehouse cannot be read: " + e.getMessage(), e);
        }
    }

    private static Page page(PreparedStatement ps, int limit) throws SQLException {
        List<Map<String, Object>> events = new ArrayList<>();
        String next = null;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (events.size() == limit) {
                    Map<String, Object> last = events.get(events.size() - 1);
                    next = new Cursor(Instant.parse((String) last.get("received_at")), (String) last.get("message_id")).encode();
                    break;
                }
                events.add(WarehouseRows.row(rs));
            }
        }
        return new Page(events, next);
    }

    private static boolean tableExists(java.sql.Connection c, String namespace) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, namespace, "events", null)) {
            return rs.next();
        }
    }

    /** Where a page ended: opaque to clients (base64url). */
    record Cursor(Instant receivedAt, String messageId) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((receivedAt + "|" + messageId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String s) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Cursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor returned by this API");
            }
        }
    }
}
