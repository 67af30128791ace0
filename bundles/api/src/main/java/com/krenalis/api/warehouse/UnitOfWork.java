package com.krenalis.api.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/** SQL run by {@link Warehouse#execute} in one transaction on a connection whose search path is the namespace. */
@FunctionalInterface
public interface UnitOfWork<T> {
    T run(Connection connection) throws SQLException;
}
