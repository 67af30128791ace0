package com.krenalis.connector.jdbc;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The columns of the user's query as properties. A column's property name is its name where that is a valid property
 * name; otherwise every character outside {@code [A-Za-z0-9_]} becomes {@code _} (and a leading digit gets a
 * {@code _} before it), so that {@code a"b} is {@code a_b}. Two columns with the same name, or whose property names
 * collide, are an error asking for an alias.
 */
public final class ResultColumns {
    /** One column of the query. */
    public record Column(int index, String name, String property, ColumnType type) {
    }

    private final SqlDialect dialect;
    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final Map<String, Column> byProperty;

    private ResultColumns(SqlDialect dialect, List<Column> columns) {
        this.dialect = dialect;
        this.columns = List.copyOf(columns);
        this.byName = columns.stream().collect(Collectors.toMap(Column::name, c -> c));
        this.byProperty = columns.stream().collect(Collectors.toMap(Column::property, c -> c));
    }

    /** The first {@code count} columns of a result. */
    public static ResultColumns of(SqlDialect dialect, ResultSetMetaData metaData, int count)
            throws SQLException, ConnectorException {
        List<Column> columns = new ArrayList<>();
        Map<String, String> properties = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            String name = metaData.getColumnLabel(i);
            if (names.put(name, name) != null) {
                throw new ConnectorException("the query returns two columns named '" + name
                        + "': give them different names with AS");
            }
            String property = dialect.propertyName(name);
            String other = properties.put(property, name);
            if (other != null) {
                throw new ConnectorException("columns '" + other + "' and '" + name + "' both become property '"
                        + property + "': rename one with AS (property names use letters, digits and underscores)");
            }
            columns.add(new Column(i, name, property, dialect.columnType(metaData, i)));
        }
        return new ResultColumns(dialect, columns);
    }

    /** The property name of a column name (see the class comment). */
    public static String propertyName(String column) {
        if (Property.isValidName(column)) {
            return column;
        }
        StringBuilder name = new StringBuilder();
        column.codePoints().forEach(c -> name.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_')
                ? (char) c : '_'));
        if (name.length() == 0 || Character.isDigit(name.charAt(0))) {
            name.insert(0, '_');
        }
        return name.length() > 63 ? name.substring(0, 63) : name.toString();
    }

    public List<Column> columns() {
        return columns;
    }

    /**
     * The column the pipeline names, which must exist (and, for the updated-at column, be of a type the dialect
     * accepts). The name is the column's exact name, or its property name where the dialect
     * {@link SqlDialect#resolvesColumnNames() resolves names}.
     *
     * @param setting the pipeline setting that names it, for the message
     */
    public Column require(String setting, String name, boolean updatedAt) throws ConnectorException {
        Column column = byName.get(name);
        if (column == null && dialect.resolvesColumnNames()) {
            column = byProperty.get(name);
        }
        if (column == null) {
            throw new ConnectorException(setting + " '" + name + "' is not a column of the query; its columns are: "
                    + columns.stream().map(Column::name).collect(Collectors.joining(", ")));
        }
        Type type = column.type().type();
        if (updatedAt && !dialect.isUpdatedAtType(column.type())) {
            throw new ConnectorException(setting + " '" + name + "' is a " + type.kind().jsonName()
                    + " column; it must be " + dialect.updatedAtTypes());
        }
        return column;
    }

    public ObjectType schema() {
        List<Property> properties = new ArrayList<>();
        for (Column c : columns) {
            properties.add(Property.of(c.property(), c.type().type()));
        }
        return new ObjectType(properties);
    }

    /**
     * The current row's values by property name.
     *
     * @throws IllegalArgumentException naming the column whose value cannot be read as its type
     */
    public Map<String, Object> values(ResultSet rs) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column c : columns) {
            try {
                values.put(c.property(), c.type().reader().read(rs, c.index()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column '" + c.name() + "': " + e.getMessage(), e);
            }
        }
        return values;
    }
}
