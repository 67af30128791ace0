package com.krenalis.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a metadata-store connection inside a transaction. */
@FunctionalInterface
public interface Sql<T> {
    T run(Connection c) throws SQLException;
}
