package com.krenalis.connector.clickhouse;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns of a user's query, checked against what the pipeline says of them. */
final class QueryColumns {
    /** One column: its name and ClickHouse type. */
    record Column(String name, ClickHouseType type) {
    }

    private final Map<String, Column> byName = new LinkedHashMap<>();

    private QueryColumns(List<Column> columns) {
        columns.forEach(c -> byName.put(c.name(), c));
    }

    /**
     * The columns, given by name and type name; fails when one is not usable as a property name, or when the
     * identity or updated-at column is missing or the updated-at column holds no point in time.
     */
    static QueryColumns of(List<String> names, List<String> typeNames, String identityColumn, String updatedAtColumn)
            throws ConnectorException {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!Property.isValidName(name)) {
                throw new ConnectorException("the query's column '" + name + "' is not a valid property name: give it "
                        + "an alias (AS name) of letters, digits and underscores, at most 63 characters");
            }
            ClickHouseType type;
            try {
                type = ClickHouseType.parse(typeNames.get(i));
            } catch (IllegalArgumentException e) {
                throw new ConnectorException("the query's column '" + name + "' has a type this connector cannot read: "
                        + typeNames.get(i));
            }
            columns.add(new Column(name, type));
        }
        QueryColumns result = new QueryColumns(columns);
        result.require(identityColumn, "identity column (identityColumn)");
        if (updatedAtColumn != null) {
            Column updated = result.require(updatedAtColumn, "updated-at column (updatedAtColumn)");
            if (!ColumnMapping.isPointInTime(updated.type())) {
                throw new ConnectorException("the updated-at column '" + updatedAtColumn + "' is of type "
                        + updated.type() + "; it must be a Date, DateTime or DateTime64");
            }
        }
        return result;
    }

    private Column require(String name, String role) throws ConnectorException {
        Column c = byName.get(name);
        if (c == null) {
            throw new ConnectorException("the " + role + " '" + name + "' is not a column of the query; its columns are "
                    + byName.keySet());
        }
        return c;
    }

    List<Column> columns() {
        return List.copyOf(byName.values());
    }

    Column column(String name) {
        return byName.get(name);
    }

    ObjectType schema() {
        return new ObjectType(byName.values().stream()
                .map(c -> Property.of(c.name(), ColumnMapping.typeOf(c.type()))).toList());
    }
}
