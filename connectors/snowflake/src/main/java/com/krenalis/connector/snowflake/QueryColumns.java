package com.krenalis.connector.snowflake;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a user's query, and which of them are the identity and the updated-at. A setting names a column by
 * its property name ({@code id} for Snowflake's {@code ID}) or by its exact name.
 */
final class QueryColumns {
    private final List<SnowflakeColumn> columns;
    private final SnowflakeColumn identity;
    private final SnowflakeColumn updatedAt;

    private QueryColumns(List<SnowflakeColumn> columns, SnowflakeColumn identity, SnowflakeColumn updatedAt) {
        this.columns = List.copyOf(columns);
        this.identity = identity;
        this.updatedAt = updatedAt;
    }

    static List<SnowflakeColumn> describe(ResultSetMetaData meta) throws SQLException {
        List<SnowflakeColumn> out = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            out.add(new SnowflakeColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i), meta.getColumnType(i),
                    meta.getPrecision(i), meta.getScale(i)));
        }
        return out;
    }

    static QueryColumns of(List<SnowflakeColumn> columns, String identityColumn, String updatedAtColumn)
            throws ConnectorException {
        Set<String> seen = new HashSet<>();
        for (SnowflakeColumn c : columns) {
            if (!Property.isValidName(c.propertyName())) {
                throw new ConnectorException("the query's column '" + c.name() + "' is not a valid property name: give it "
                        + "an alias (AS name) of letters, digits and underscores, at most 63 characters");
            }
            if (!seen.add(c.propertyName())) {
                throw new ConnectorException("the query has two columns named '" + c.propertyName() + "' (ignoring the "
                        + "upper case of unquoted names): give one an alias");
            }
        }
        SnowflakeColumn identity = find(columns, identityColumn, "identity column (identityColumn)");
        SnowflakeColumn updatedAt = null;
        if (updatedAtColumn != null) {
            updatedAt = find(columns, updatedAtColumn, "updated-at column (updatedAtColumn)");
            if (updatedAt.timeKind() == null) {
                throw new ConnectorException("the updated-at column '" + updatedAtColumn + "' is of type "
                        + updatedAt.typeName() + "; it must be a DATE or a TIMESTAMP (NTZ, LTZ or TZ)");
            }
        }
        return new QueryColumns(columns, identity, updatedAt);
    }

    private static SnowflakeColumn find(List<SnowflakeColumn> columns, String name, String role) throws ConnectorException {
        for (SnowflakeColumn c : columns) {
            if (c.propertyName().equals(name) || c.name().equals(name)) {
                return c;
            }
        }
        throw new ConnectorException("the " + role + " '" + name + "' is not a column of the query; its columns are "
                + columns.stream().map(SnowflakeColumn::propertyName).toList());
    }

    List<SnowflakeColumn> columns() {
        return columns;
    }

    SnowflakeColumn identity() {
        return identity;
    }

    /** The updated-at column, or null. */
    SnowflakeColumn updatedAt() {
        return updatedAt;
    }

    ObjectType schema() {
        return new ObjectType(columns.stream().map(c -> Property.of(c.propertyName(), c.type())).toList());
    }
}
