package com.krenalis.connector.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row as the Java value {@link com.krenalis.api.connector.SourceRecord} expects for
 * the column's discovered type. A value that cannot be converted is an {@link IllegalArgumentException} (or another
 * runtime exception): the row is rejected and the read goes on.
 */
@FunctionalInterface
public interface ValueReader {
    Object read(ResultSet rs, int index) throws SQLException;
}
