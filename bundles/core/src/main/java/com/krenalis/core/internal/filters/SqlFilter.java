package com.krenalis.core.internal.filters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.filters.Filter.Condition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A filter as a PostgreSQL boolean expression for a WHERE clause. Identifiers are quoted by the given function, values
 * and JSON keys are always bound parameters. JSON values are {@code jsonb}, navigated with {@code ->} and a text key
 * (which, unlike {@code #>}, never indexes an array, as the in-memory evaluation does not).
 *
 * <p>Every positive condition is wrapped in {@code COALESCE(..., FALSE)} so that SQL's unknown is false, and a negative
 * one is {@code NOT} of its positive: two-valued logic, the same as {@link RecordFilter}.
 */
public final class SqlFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A boolean SQL expression and the values of its {@code ?} parameters, in order. */
    public record Fragment(String sql, List<Object> args) {
        public Fragment {
            args = List.copyOf(args);
        }
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();
    private final UnaryOperator<String> quote;

    private SqlFilter(UnaryOperator<String> quote) {
        this.quote = quote;
    }

    /** The filter as a parenthesised expression, e.g. {@code (COALESCE(("email" = ?), FALSE) AND ...)}. */
    public static Fragment where(Filter filter, UnaryOperator<String> quote) {
        SqlFilter f = new SqlFilter(quote);
        f.sql.append('(');
        String join = filter.logical() == Filter.Logical.AND ? " AND " : " OR ";
        for (int i = 0; i < filter.conditions().size(); i++) {
            if (i > 0) {
                f.sql.append(join);
            }
            f.condition(filter.conditions().get(i));
        }
        f.sql.append(')');
        return new Fragment(f.sql.toString(), f.args);
    }

    private void condition(Condition c) {
        sql.append(c.operator().negative() ? "NOT COALESCE((" : "COALESCE((");
        Operator op = c.operator().positive();
        if (c.type().kind() == TypeKind.JSON) {
            json(c, op);
        } else if (c.type().kind() == TypeKind.ARRAY) {
            array(c, op);
        } else {
            scalar(c, op);
        }
        sql.append("), FALSE)");
    }

    private void scalar(Condition c, Operator op) {
        switch (op) {
            case IS_NULL -> expr(c).sql(" IS NULL");
            case IS -> expr(c).sql(" = ").param(c, 0);
            case IS_ONE_OF -> {
                expr(c).sql(" IN (");
                for (int i = 0; i < c.values().size(); i++) {
                    sql(i == 0 ? "" : ", ").param(c, i);
                }
                sql(")");
            }
            case IS_LESS_THAN, IS_BEFORE -> expr(c).sql(" < ").param(c, 0);
            case IS_LESS_THAN_OR_EQUAL_TO -> expr(c).sql(" <= ").param(c, 0);
            case IS_GREATER_THAN, IS_AFTER -> expr(c).sql(" > ").param(c, 0);
            case IS_GREATER_THAN_OR_EQUAL_TO -> expr(c).sql(" >= ").param(c, 0);
            case IS_BETWEEN -> expr(c).sql(" BETWEEN ").param(c, 0).sql(" AND ").param(c, 1);
            case CONTAINS -> sql("strpos(").expr(c).sql(", ").param(c, 0).sql(") > 0");
            case STARTS_WITH -> sql("starts_with(").expr(c).sql(", ").param(c, 0).sql(")");
            case ENDS_WITH -> sql("right(").expr(c).sql(", char_length(").param(c, 0).sql(")) = ").param(c, 0);
            case IS_EMPTY -> sql("(").expr(c).sql(" IS NULL OR ").expr(c).sql(" = '')");
            case IS_TRUE -> expr(c).sql(" = TRUE");
            case IS_FALSE -> expr(c).sql(" = FALSE");
            default -> throw new IllegalStateException(op + " on " + c.type());
        }
    }

    private void array(Condition c, Operator op) {
        switch (op) {
            case IS_NULL -> expr(c).sql(" IS NULL");
            case CONTAINS -> param(c, 0).sql(" = ANY(").expr(c).sql(")");
            case IS_EMPTY -> sql("(").expr(c).sql(" IS NULL OR cardinality(").expr(c).sql(") = 0)");
            default -> throw new IllegalStateException(op + " on " + c.type());
        }
    }

    private void json(Condition c, Operator op) {
        switch (op) {
            case IS_NULL -> sql("(").expr(c).sql(" IS NULL OR jsonb_typeof(").expr(c).sql(") = 'null')");
            case EXISTS -> expr(c).sql(" IS NOT NULL");
            case IS -> expr(c).sql(" = CAST(? AS jsonb)").bind(jsonText(c.values().get(0)));
            case IS_ONE_OF -> {
                expr(c).sql(" IN (");
                for (int i = 0; i < c.values().size(); i++) {
                    sql(i == 0 ? "" : ", ").sql("CAST(? AS jsonb)").bind(jsonText(c.values().get(i)));
                }
                sql(")");
            }
            case IS_LESS_THAN -> number(c).sql(" < ").param(c, 0);
            case IS_LESS_THAN_OR_EQUAL_TO -> number(c).sql(" <= ").param(c, 0);
            case IS_GREATER_THAN -> number(c).sql(" > ").param(c, 0);
            case IS_GREATER_THAN_OR_EQUAL_TO -> number(c).sql(" >= ").param(c, 0);
            case IS_BETWEEN -> number(c).sql(" BETWEEN ").param(c, 0).sql(" AND ").param(c, 1);
            case CONTAINS -> {
                Object v = c.values().get(0);
                sql("(");
                if (v instanceof String) {
                    sql("strpos(").string(c).sql(", ").param(c, 0).sql(") > 0 OR ");
                }
                sql("jsonb_typeof(").expr(c).sql(") = 'array' AND ").expr(c).sql(" @> CAST(? AS jsonb))")
                        .bind(jsonText(List.of(v)));
            }
            case STARTS_WITH -> sql("starts_with(").string(c).sql(", ").param(c, 0).sql(")");
            case ENDS_WITH -> sql("right(").string(c).sql(", char_length(").param(c, 0).sql(")) = ").param(c, 0);
            case IS_EMPTY -> sql("(").expr(c).sql(" IS NULL OR ").expr(c)
                    .sql(" IN ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb))");
            case IS_TRUE -> expr(c).sql(" = 'true'::jsonb");
            case IS_FALSE -> expr(c).sql(" = 'false'::jsonb");
            default -> throw new IllegalStateException(op + " on json");
        }
    }

    /** The property's value: its column, or the JSON value at its path inside the column. */
    private SqlFilter expr(Condition c) {
        if (c.path().isEmpty()) {
            return sql(quote.apply(c.column()));
        }
        sql("(").sql(quote.apply(c.column()));
        for (String key : c.path()) {
            sql(" -> CAST(? AS text)").bind(key);
        }
        return sql(")");
    }

    /** A JSON value as a number when it is one, else NULL (CASE keeps the cast from seeing other JSON types). */
    private SqlFilter number(Condition c) {
        return sql("CASE WHEN jsonb_typeof(").expr(c).sql(") = 'number' THEN CAST(").expr(c).sql(" AS numeric) END");
    }

    /** A JSON value as text when it is a string, else NULL. */
    private SqlFilter string(Condition c) {
        return sql("CASE WHEN jsonb_typeof(").expr(c).sql(") = 'string' THEN ").expr(c).sql(" #>> '{}' END");
    }

    private SqlFilter param(Condition c, int index) {
        Object v = c.values().get(index);
        if (v instanceof IpAddress ip) {
            return sql("CAST(? AS inet)").bind(ip.text());
        }
        if (v instanceof Instant instant) {
            return sql("?").bind(instant.atOffset(ZoneOffset.UTC));
        }
        return sql("?").bind(v);
    }

    private SqlFilter sql(String s) {
        sql.append(s);
        return this;
    }

    private SqlFilter bind(Object value) {
        args.add(value);
        return this;
    }

    private static String jsonText(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
