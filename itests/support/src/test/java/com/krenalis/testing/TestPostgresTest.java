package com.krenalis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {
    @Test
    void handsOutFreshDatabasesOnARealServer() throws Exception {
        String a = TestPostgres.newDatabase("support");
        String b = TestPostgres.newDatabase("support");
        assertNotEquals(a, b);
        try (Connection c = TestPostgres.connect(a); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x int)");
            st.execute("INSERT INTO t VALUES (42)");
            try (ResultSet rs = st.executeQuery("SELECT x FROM t")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
        }
        try (Connection c = TestPostgres.connect(b); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "databases are independent");
        }
    }
}
