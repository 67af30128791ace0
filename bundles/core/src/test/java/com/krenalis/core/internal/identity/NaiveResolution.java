package com.krenalis.core.internal.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The baseline of bench/identity: the textbook way to resolve identities in SQL. Edges come from a self-join of the
 * identities on the matching condition (rule 1, or rule 2 written as a CASE over the identifiers in priority order),
 * which compares every pair; components come from min-label propagation (every identity takes the smallest label of
 * itself and its neighbours) repeated until no label changes, without {@link PostgresResolution}'s hooking and pointer
 * jumping, so it needs as many rounds as the longest shortest path. It leaves {@code nv_nodes} (id numbered as
 * PostgresResolution numbers identities) and {@code nv_lab} (id, label) as temporary tables for comparison.
 */
final class NaiveResolution {
    /** Times in ms; converged is false when the time budget ran out first; edges -1 when it ran out while pairing. */
    record Result(long snapshotMillis, long edgesMillis, long componentsMillis, int rounds, boolean converged, long edges) {
        long totalMillis() {
            return snapshotMillis + edgesMillis + componentsMillis;
        }
    }

    private NaiveResolution() {
    }

    static Result run(Connection c, String table, List<String> identifiers, Map<String, List<String>> blocklist,
                      long budgetMillis) throws SQLException {
        long t0 = System.nanoTime();
        StringBuilder keys = new StringBuilder();
        for (int k = 1; k <= identifiers.size(); k++) {
            String text = "(\"" + identifiers.get(k - 1) + "\")::text";
            keys.append(", CASE WHEN btrim(").append(text).append(") = '' OR ").append(text).append(" = ANY (?) THEN NULL ELSE ")
                    .append(text).append(" END AS k").append(k);
        }
        try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE nv_nodes AS SELECT row_number() OVER (ORDER BY "
                + "_connection, _pipeline, _identity_id, _is_anonymous) AS id, _connection AS conn, _pipeline AS pipe, _is_anonymous AS anon, "
                + "_identity_id AS iid" + keys + " FROM " + table)) {
            for (int k = 0; k < identifiers.size(); k++) {
                ps.setArray(k + 1, c.createArrayOf("text", blocklist.getOrDefault(identifiers.get(k), List.of()).toArray()));
            }
            ps.execute();
        }
        exec(c, "ANALYZE nv_nodes");
        long t1 = System.nanoTime();
        StringBuilder rule2 = new StringBuilder("CASE");
        for (int k = 1; k <= identifiers.size(); k++) {
            rule2.append(" WHEN a.k").append(k).append(" IS NOT NULL AND b.k").append(k).append(" IS NOT NULL THEN a.k").append(k)
                    .append(" = b.k").append(k);
        }
        rule2.append(" ELSE false END");
        // One statement that may run for long: the budget is its timeout (null figures when it ran out).
        exec(c, "SET statement_timeout = " + budgetMillis);
        try {
            exec(c, "CREATE TEMP TABLE nv_e AS SELECT a.id AS a, b.id AS b FROM nv_nodes a JOIN nv_nodes b ON a.id < b.id AND "
                    + "((a.conn = b.conn AND a.anon = b.anon AND a.iid = b.iid) OR " + rule2 + ")");
        } catch (SQLException e) {
            if (!"57014".equals(e.getSQLState())) { // query_canceled
                throw e;
            }
            return new Result((t1 - t0) / 1_000_000, -1, -1, 0, false, -1);
        } finally {
            exec(c, "RESET statement_timeout");
        }
        exec(c, "CREATE TEMP TABLE nv_e2 AS SELECT a, b FROM nv_e UNION ALL SELECT b, a FROM nv_e");
        exec(c, "ANALYZE nv_e2");
        long edges = count(c, "SELECT count(*) FROM nv_e");
        long t2 = System.nanoTime();
        exec(c, "CREATE TEMP TABLE nv_lab AS SELECT DISTINCT a AS id, a AS l FROM nv_e2");
        int rounds = 0;
        boolean converged = false;
        long deadline = t0 + budgetMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            rounds++;
            exec(c, "ANALYZE nv_lab");
            exec(c, "CREATE TEMP TABLE nv_next AS SELECT l.id, least(l.l, m.ml) AS l FROM nv_lab l JOIN (SELECT e.a AS id, "
                    + "min(x.l) AS ml FROM nv_e2 e JOIN nv_lab x ON x.id = e.b GROUP BY e.a) m ON m.id = l.id");
            long changed = count(c, "SELECT count(*) FROM nv_next n JOIN nv_lab l ON l.id = n.id WHERE n.l <> l.l");
            exec(c, "DROP TABLE nv_lab");
            exec(c, "ALTER TABLE nv_next RENAME TO nv_lab");
            if (changed == 0) {
                converged = true;
                break;
            }
        }
        long t3 = System.nanoTime();
        return new Result((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, rounds, converged, edges);
    }

    /**
     * Whether the naive labels group the identities exactly as a run's mapping table does: both partitions and their
     * common refinement have the same number of parts.
     */
    static boolean sameGrouping(Connection c, String mappingTable) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("WITH j AS (SELECT m._kpid AS k, "
                + "coalesce(l.l, n.id) AS l FROM nv_nodes n LEFT JOIN nv_lab l ON l.id = n.id JOIN " + mappingTable
                + " m ON m._connection = n.conn AND m._pipeline = n.pipe AND m._identity_id = n.iid AND m._is_anonymous = n.anon) SELECT count(DISTINCT k), count(DISTINCT l), count(DISTINCT (k, l)), count(*) FROM j")) {
            rs.next();
            return rs.getLong(1) == rs.getLong(2) && rs.getLong(2) == rs.getLong(3)
                    && rs.getLong(4) == count(c, "SELECT count(*) FROM nv_nodes");
        }
    }

    static void drop(Connection c) throws SQLException {
        exec(c, "DROP TABLE IF EXISTS nv_nodes, nv_e, nv_e2, nv_lab, nv_next");
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
