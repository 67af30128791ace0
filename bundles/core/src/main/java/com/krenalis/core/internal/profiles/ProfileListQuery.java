package com.krenalis.core.internal.profiles;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.profiles.ProfileQueries;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.filters.FilterParser;
import com.krenalis.core.internal.filters.SqlFilter;
import com.krenalis.core.internal.profiles.WarehouseColumns.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The SQL of a page of profiles: the chosen columns, the filter, and keyset paging on (order property, {@code _kpid})
 * that stays correct with repeated and missing values: ascending puts profiles without a value last, descending first
 * (PostgreSQL's own placement of nulls), and {@code _kpid}, unique, breaks ties.
 */
final class ProfileListQuery {
    static final String KPID = "_kpid";
    static final List<String> META = List.of(KPID, "_updated_at", "_identities");
    /** The order property's value as text, selected to make the next cursor; not returned. */
    static final String CURSOR_VALUE = "_cursor_value";

    record Sql(String sql, List<Object> args, String order, boolean descending) {
    }

    private ProfileListQuery() {
    }

    static Sql build(String table, Map<String, Column> columns, ProfileQueries.Query query, UnaryOperator<String> quote) {
        List<String> selected = selected(columns, query.properties());
        String order = query.order() == null || query.order().isBlank() ? KPID : query.order();
        Column orderColumn = columns.get(order);
        if (orderColumn == null) {
            throw new InvalidInputException("order", "unknown property '" + order + "'");
        }
        if (orderColumn.type() == null || orderColumn.type().kind() == TypeKind.JSON
                || orderColumn.type().kind() == TypeKind.ARRAY) {
            throw new InvalidInputException("order", "profiles cannot be ordered by '" + order + "' (of type "
                    + (orderColumn.type() == null ? orderColumn.typeName() : orderColumn.type().kind().jsonName()) + ")");
        }
        boolean desc = query.descending();
        ProfileCursor after = query.cursor() == null ? null : ProfileCursor.parse(query.cursor(), order, desc);

        StringBuilder sql = new StringBuilder("SELECT ");
        List<Object> args = new ArrayList<>();
        sql.append(String.join(", ", selected.stream().map(quote).toList()));
        String o = quote.apply(order);
        String k = quote.apply(KPID);
        boolean byKpid = order.equals(KPID);
        if (!byKpid) {
            sql.append(", CAST(").append(o).append(" AS text) AS ").append(quote.apply(CURSOR_VALUE));
        }
        sql.append(" FROM ").append(table).append(" WHERE TRUE");
        if (query.filter() != null) {
            Map<String, Type> types = new LinkedHashMap<>();
            columns.values().stream().filter(c -> c.type() != null).forEach(c -> types.put(c.name(), c.type()));
            SqlFilter.Fragment where = SqlFilter.where(FilterParser.parse(query.filter(), "filter", types), quote);
            sql.append(" AND ").append(where.sql());
            args.addAll(where.args());
        }
        if (after != null) {
            String cmp = desc ? " < " : " > ";
            String value = "CAST(? AS " + quote.apply(orderColumn.typeSchema()) + "." + quote.apply(orderColumn.typeName()) + ")";
            if (byKpid) {
                sql.append(" AND ").append(k).append(cmp).append('?');
                args.add(after.kpid());
            } else if (after.value() != null) {
                sql.append(" AND (").append(o).append(cmp).append(value).append(" OR (").append(o).append(" = ").append(value)
                        .append(" AND ").append(k).append(cmp).append("?)").append(desc ? ")" : " OR " + o + " IS NULL)");
                args.add(after.value());
                args.add(after.value());
                args.add(after.kpid());
            } else {
                sql.append(" AND (").append(o).append(" IS NULL AND ").append(k).append(cmp).append('?')
                        .append(desc ? " OR " + o + " IS NOT NULL)" : ")");
                args.add(after.kpid());
            }
        }
        sql.append(" ORDER BY ");
        if (!byKpid) {
            sql.append(o).append(desc ? " DESC NULLS FIRST, " : " ASC NULLS LAST, ");
        }
        sql.append(k).append(desc ? " DESC" : " ASC");
        sql.append(" LIMIT ").append(query.limit() + 1);
        return new Sql(sql.toString(), args, order, desc);
    }

    /** The meta columns, then the asked properties (all when none are asked), each once. */
    private static List<String> selected(Map<String, Column> columns, List<String> properties) {
        Set<String> selected = new LinkedHashSet<>();
        META.stream().filter(columns::containsKey).forEach(selected::add);
        if (properties == null || properties.isEmpty()) {
            selected.addAll(columns.keySet());
        } else {
            for (String p : properties) {
                if (!columns.containsKey(p)) {
                    throw new InvalidInputException("properties", "unknown property '" + p + "'");
                }
                selected.add(p);
            }
        }
        return List.copyOf(selected);
    }

    /** The cursor after a page's last profile. */
    static String cursor(Sql sql, Map<String, Object> lastRow, Object orderValueText) {
        return new ProfileCursor(sql.order(), sql.descending(), (String) orderValueText,
                UUID.fromString(String.valueOf(lastRow.get(KPID)))).encode();
    }
}
