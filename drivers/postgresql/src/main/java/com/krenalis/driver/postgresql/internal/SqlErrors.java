package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.warehouse.WarehouseException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/** Turns JDBC errors into {@link WarehouseException}s that say whether a retry may help. */
final class SqlErrors {
    private SqlErrors() {
    }

    static WarehouseException translate(String context, SQLException e) {
        return new WarehouseException(context + ": " + e.getMessage(), e, isTransient(e));
    }

    /**
     * Connection failures (08), insufficient resources (53), operator intervention (57P), serialization failures
     * and deadlocks (40001, 40P01) and lock timeouts (55P03) may pass; anything else is a bug or bad input.
     */
    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01") || state.equals("55P03");
    }
}
