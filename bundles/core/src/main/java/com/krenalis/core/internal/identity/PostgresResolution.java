package com.krenalis.core.internal.identity;

import com.krenalis.api.profiles.ResolutionRun;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.TypeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Identity resolution as PostgreSQL statements, run on one warehouse connection inside one transaction: nothing is
 * visible to readers until the caller commits, and a run that fails or is killed rolls back to the previous profiles.
 * Work tables are unlogged tables created and dropped inside that transaction ({@link #WORK_TABLES}); no identity data
 * leaves the warehouse.
 *
 * <p>Phases: <b>snapshot</b> the identities with their identifier values normalised (blank and blocklisted values are
 * no value); <b>edges</b> by grouping, never by pairing identities: rule 1 groups identities by connection and id;
 * rule 2 groups them by (identifier k, value, mask of higher-priority identifiers that have a value), since two
 * identities sharing k's value match through k exactly when no higher identifier has a value in both, i.e. when their
 * masks are disjoint — so masks, not identities, are paired, at most 2^(k-1) of them per value; <b>components</b> by
 * contraction (smallest id of the closed neighbourhood, one pointer jump, then each label class becomes one node and
 * only edges between classes remain), which halves chains each level and leaves finished components behind; the
 * <b>guard</b> returns components larger than
 * the limit to their rule-1 groups; <b>kpids</b> keep a KPID when exactly one previous profile maps onto exactly one
 * new component (K1, K2) and mint new ones otherwise (K3, K4); <b>merge</b> writes {@code profiles_<run>} per M1–M5;
 * <b>publish</b> sets the KPIDs of identities and events, then switches the {@code profiles} view.
 */
final class PostgresResolution {
    /** Rounds after which the components phase gives up (it needs about log2 of the longest chain). */
    static final int MAX_ROUNDS = 100;
    static final String VIEW = "profiles";
    static final String IDENTITIES = "identities";
    static final String EVENTS = "events";
    private static final String VIEW_COMMENT = "krenalis:run=";

    /** Told when a phase ends; may throw to cancel the run (the transaction then rolls back). */
    interface Phases {
        void done(String phase, long millis);

        /** Told when one of the run's statements ends (bench/identity --trace prints the slow ones). */
        default void statement(String sql, long millis) {
        }
    }

    private final Connection c;
    private final String namespace;
    private final UnaryOperator<String> quote;
    private final ResolutionSpec spec;
    private final Phases phases;
    private final String ns;
    private long phaseStart;

    PostgresResolution(Connection c, String namespace, UnaryOperator<String> quote, ResolutionSpec spec, Phases phases) {
        this.c = c;
        this.namespace = namespace;
        this.quote = quote;
        this.spec = spec;
        this.phases = phases;
        this.ns = quote.apply(namespace) + ".";
    }

    /** The identity key, greatest first: how ties in freshness are broken (M5). */
    private static final String KEY_DESC = "b._connection DESC, b._pipeline DESC, b._identity_id DESC, b._is_anonymous DESC";

    static String profilesTable(long runId) {
        return "profiles_" + runId;
    }

    static String mappingTable(long runId) {
        return "profile_identities_" + runId;
    }

    /**
     * Memory per sort or hash of the run's statements (SET LOCAL: this transaction only), in MB: a quarter of the
     * server's shared_buffers, between 256 MB and 1 GB. The server's 4 MB default sent 1.3 GB of a 1M-identity run to
     * temporary files. shared_buffers is what the server was sized with (the embedded one: a quarter of the machine's
     * memory), so a quarter of it is a safe share, and a server sized for more gives the run's 10 M-row hashes and
     * sorts more room (at 10 M identities on this project's 24 GB machine: 1 GB, against 256 MB before, within the
     * run-to-run noise). Runs are one at a time per server (one executor thread), so a run's few concurrent sorts and
     * hashes stay within a few times this.
     */
    static long workMemMb(long sharedBuffersBytes) {
        return Math.max(256, Math.min(1024, sharedBuffersBytes / 4 / (1024 * 1024)));
    }

    /**
     * Memory of the run's index builds (one at a time): the keys of its work tables and of the mapping table. At 10 M
     * identities the server's 64 MB default sorted them on disk.
     */
    static final String MAINTENANCE_WORK_MEM = "1GB";

    ResolutionOutcome run() throws SQLException {
        phaseStart = System.nanoTime();
        try (java.sql.Statement st = c.createStatement()) {
            long sharedBuffers;
            try (ResultSet rs = st.executeQuery("SELECT pg_size_bytes(current_setting('shared_buffers'))")) {
                rs.next();
                sharedBuffers = rs.getLong(1);
            }
            st.execute("SET LOCAL work_mem = '" + workMemMb(sharedBuffers) + "MB'");
            st.execute("SET LOCAL maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'");
        }
        Optional<Long> previous = currentRun(c, namespace, quote);
        dropWorkTables();
        long identities = snapshot();
        done("snapshot");
        edges();
        done("edges");
        int rounds = components();
        done("components");
        List<ResolutionRun.GuardHit> guardHits = guard();
        done("guard");
        long[] kpids = kpids();
        done("kpids");
        long profiles = merge();
        dropWorkTables();
        done("merge");
        // Events first, identities last: the rows the run updates stay locked until its commit, and the loader's
        // identity upserts wait on identities it has locked, so that window is kept to the end of the run.
        linkEvents(c, namespace, quote, mappingTable(spec.runId()));
        linkIdentities(c, ns, quote, mappingTable(spec.runId()));
        switchView(c, namespace, quote, spec.runId());
        dropOldRuns(c, namespace, quote, spec.runId(), previous.orElse(null));
        done("publish");
        return new ResolutionOutcome(identities, profiles, kpids[0], kpids[1], rounds, guardHits);
    }

    /**
     * The run's work tables. They are unlogged tables in the workspace's schema, created and dropped inside the run's
     * transaction: no other session ever sees them, and a run that fails or is killed takes them with its rollback.
     * Not temporary tables: those are private to the session's backend, so PostgreSQL ran every statement that reads
     * one on a single core; an unlogged table can be read by parallel workers, and it lives in shared buffers.
     */
    private static final List<String> WORK_TABLES = List.of("_ir_nodes", "_ir_e0", "_ir_groups", "_ir_pairs",
            "_ir_e", "_ir_lab", "_ir_ce", "_ir_m1", "_ir_m2", "_ir_next", "_ir_comp", "_ir_old", "_ir_per_comp",
            "_ir_per_old", "_ir_kp");

    /** Drops the work tables that exist (before the run: none should, a committed run drops its own). */
    private void dropWorkTables() throws SQLException {
        exec("DROP TABLE IF EXISTS " + String.join(", ", WORK_TABLES.stream().map(t -> ns + t).toList()));
    }

    private void done(String phase) {
        long now = System.nanoTime();
        phases.done(phase, (now - phaseStart) / 1_000_000);
        phaseStart = now;
    }

    private String q(String identifier) {
        return quote.apply(identifier);
    }

    private Optional<Property> property(String name) {
        return spec.properties().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    // ---- snapshot ----

    /**
     * The identities as of now, numbered as they are read, each number then scrambled ({@link #scrambled}), with each
     * identifier normalised into _ir_k1, _ir_k2, ... The numbers are only names: nothing the run decides depends on
     * their order (ties in freshness are broken by the identity key itself, M5). Numbering in key order would sort
     * every identity's whole row: at 10 M identities most of the snapshot's time, spilled to disk.
     */
    private long snapshot() throws SQLException {
        StringBuilder keys = new StringBuilder();
        List<String[]> blocks = new ArrayList<>();
        for (int k = 1; k <= spec.identifiers().size(); k++) {
            String name = spec.identifiers().get(k - 1);
            Property p = property(name).orElseThrow(() -> new SQLException("identifier " + name + " is not in the schema"));
            String text = p.type().kind() == TypeKind.IP ? "host(i." + q(name) + ")" : "(i." + q(name) + ")::text";
            keys.append(", CASE WHEN btrim(").append(text).append(") = '' OR ").append(text)
                    .append(" = ANY (?) THEN NULL ELSE ").append(text).append(" END AS _ir_k").append(k);
            blocks.add(spec.blocklist().getOrDefault(name, List.of()).toArray(String[]::new));
        }
        String select = "SELECT " + scrambled("row_number() OVER ()") + " AS _ir_id, i.*"
                + keys + " FROM " + ns + q(IDENTITIES) + " i";
        try (PreparedStatement ps = c.prepareStatement("CREATE UNLOGGED TABLE " + ns + "_ir_nodes AS " + select + " WITH NO DATA")) {
            for (int k = 0; k < blocks.size(); k++) {
                ps.setArray(k + 1, c.createArrayOf("text", new String[0]));
            }
            ps.execute();
        }
        long rows;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ns + "_ir_nodes " + select)) {
            for (int k = 0; k < blocks.size(); k++) {
                ps.setArray(k + 1, c.createArrayOf("text", blocks.get(k)));
            }
            rows = ps.executeUpdate();
        }
        // No index: every later statement reads the snapshot whole (hash joins); ids are unique by construction.
        exec("ANALYZE " + ns + "_ir_nodes");
        return rows;
    }

    /**
     * A bijection of [0, 2^31) that scatters neighbouring numbers (affine map, xorshift, multiply, xorshift; every step
     * invertible, all in bigint without overflow), so ids are unique for fewer than 2^31 identities. Components take
     * the smallest id around each node: where ids grow along a chain, as rows read in the order they were written
     * would, each level only moves labels one step and a chain of 10,000 identities would take thousands of levels.
     */
    static String scrambled(String n) {
        String x = "((" + n + ") * 1103515245 + 12345) % 2147483648";
        String y = "((((" + x + ") # ((" + x + ") >> 15)) * 1664525) % 2147483648)";
        return "(" + y + " # (" + y + " >> 13))";
    }

    // ---- edges ----

    /**
     * Values are compared in the "C" collation (bytes) wherever they are sorted or grouped: equality is the same in
     * every deterministic collation, and only "C" lets PostgreSQL sort by abbreviated keys instead of calling the
     * locale's comparison for every pair (at 10 M identities the rule-1 sort alone took 45 s that way).
     */
    /**
     * One row per (identity, identifier k) with a value: id, k, the value (in "C") and the mask of the higher-priority
     * identifiers that have a value. A subquery, read where it is needed, never written out: at 10 M identities writing
     * its 15 M rows took 30 s, and only the grouping reads them all.
     */
    private String keys() {
        StringBuilder values = new StringBuilder();
        for (int k = 1; k <= spec.identifiers().size(); k++) {
            StringBuilder mask = new StringBuilder("0");
            for (int j = 1; j < k; j++) {
                mask.append(" | CASE WHEN n._ir_k").append(j).append(" IS NULL THEN 0 ELSE ").append(1 << (j - 1)).append(" END");
            }
            values.append(k == 1 ? "" : ", ").append("(").append(k).append(", n._ir_k").append(k).append(", ").append(mask).append(")");
        }
        return "(SELECT n._ir_id AS id, x.k, x.v COLLATE \"C\" AS v, x.mask FROM " + ns + "_ir_nodes n CROSS JOIN LATERAL (VALUES "
                + values + ") AS x(k, v, mask) WHERE x.v IS NOT NULL)";
    }

    private void edges() throws SQLException {
        List<String> edges = new ArrayList<>();
        // Rule 1: same connection, and the same userId (known) or anonymousId (anonymous), across pipelines: only a
        // connection written by several pipelines can have such groups, and only their members are looked up again.
        List<String> multiPipeline = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT _connection FROM (SELECT DISTINCT "
                + "_connection, _pipeline FROM " + ns + "_ir_nodes) s GROUP BY _connection HAVING count(*) > 1")) {
            while (rs.next()) {
                multiPipeline.add(Long.toString(rs.getLong(1)));
            }
        }
        if (!multiPipeline.isEmpty()) {
            String connections = "_connection IN (" + String.join(", ", multiPipeline) + ")";
            edges.add("SELECT n._ir_id AS a, g.r AS b FROM " + ns + "_ir_nodes n JOIN (SELECT _connection, _is_anonymous, "
                    + "_identity_id COLLATE \"C\" AS _identity_id, min(_ir_id) AS r FROM " + ns + "_ir_nodes WHERE " + connections
                    + " GROUP BY 1, 2, 3 HAVING count(*) > 1) g ON n._connection = g._connection AND n._is_anonymous = g._is_anonymous "
                    + "AND n._identity_id = g._identity_id WHERE n." + connections + " AND n._ir_id <> g.r");
        }
        int n = spec.identifiers().size();
        if (n > 0) {
            // A group's members are kept only when it has several: a single member is its own representative.
            exec("CREATE UNLOGGED TABLE " + ns + "_ir_groups AS SELECT k, v, mask, min(id) AS rep, count(*) AS n, "
                    + "CASE WHEN count(*) > 1 THEN array_agg(id) END AS members FROM " + keys() + " k GROUP BY k, v, mask");
            exec("ANALYZE " + ns + "_ir_groups");
            // Two groups of one value whose masks are disjoint: every member of one matches every member of the
            // other. A group with the empty mask is disjoint with itself: its members all match.
            exec("CREATE UNLOGGED TABLE " + ns + "_ir_pairs AS SELECT a.k, a.v, a.mask, a.rep, b.rep AS partner FROM "
                    + ns + "_ir_groups a JOIN " + ns + "_ir_groups b ON b.k = a.k AND b.v = a.v AND (a.mask & b.mask) = 0 "
                    + "AND (a.mask <> b.mask OR a.n > 1)");
            edges.add("SELECT rep AS a, partner AS b FROM " + ns + "_ir_pairs WHERE rep <> partner");
            // Every member of a paired group to its representative (members of a group that pairs with none share
            // a value but also a higher identifier's presence: they do not match through this value).
            edges.add("SELECT m AS a, g.rep AS b FROM " + ns + "_ir_groups g CROSS JOIN LATERAL unnest(g.members) AS m WHERE g.n > 1 "
                    + "AND m <> g.rep AND EXISTS (SELECT 1 FROM " + ns + "_ir_pairs p WHERE p.k = g.k AND p.v = g.v AND p.mask = g.mask)");
        }
        if (edges.isEmpty()) {
            edges.add("SELECT NULL::bigint AS a, NULL::bigint AS b WHERE false");
        }
        exec("CREATE UNLOGGED TABLE " + ns + "_ir_e0 AS " + String.join(" UNION ALL ", edges));
        exec("CREATE UNLOGGED TABLE " + ns + "_ir_e AS SELECT DISTINCT a, b FROM "
                + "(SELECT a, b FROM " + ns + "_ir_e0 UNION ALL SELECT b, a FROM " + ns + "_ir_e0) s");
        exec("DROP TABLE " + ns + "_ir_e0");
        exec("ANALYZE " + ns + "_ir_e");
    }

    // ---- connected components ----

    /**
     * Labels every identity that has an edge with one identity of its component, by contraction; returns the levels.
     * Each level takes, for every node, the smallest id of its closed neighbourhood and jumps once (the label's
     * label); every class of nodes with one label becomes one node, and only the edges between different classes go
     * on to the next level. The work shrinks with the graph — after the first level only the components still being
     * joined remain — and chains halve at least every level. Each identity's label follows its class.
     */
    private int components() throws SQLException {
        exec("ALTER TABLE " + ns + "_ir_e RENAME TO _ir_ce");
        int levels = 0;
        while (true) {
            levels++;
            if (levels > MAX_ROUNDS) {
                throw new SQLException("connected components did not converge in " + MAX_ROUNDS + " levels");
            }
            exec("ANALYZE " + ns + "_ir_ce");
            exec("CREATE UNLOGGED TABLE " + ns + "_ir_m1 AS SELECT a AS v, least(a, min(b)) AS l FROM " + ns + "_ir_ce GROUP BY a");
            exec("CREATE UNLOGGED TABLE " + ns + "_ir_m2 AS SELECT x.v, y.l FROM " + ns + "_ir_m1 x JOIN " + ns + "_ir_m1 y ON y.v = x.l");
            exec("ANALYZE " + ns + "_ir_m2");
            if (levels == 1) {
                // Every identity with an edge is a node of the first level (the edges go both ways): its label is
                // where it jumped to.
                exec("CREATE UNLOGGED TABLE " + ns + "_ir_lab AS SELECT v AS id, l FROM " + ns + "_ir_m2");
            } else {
                exec("UPDATE " + ns + "_ir_lab t SET l = m.l FROM " + ns + "_ir_m2 m WHERE t.l = m.v AND m.l <> m.v");
            }
            long left = update("CREATE UNLOGGED TABLE " + ns + "_ir_next AS SELECT DISTINCT ma.l AS a, mb.l AS b "
                    + "FROM " + ns + "_ir_ce e JOIN " + ns + "_ir_m2 ma ON ma.v = e.a JOIN " + ns + "_ir_m2 mb ON mb.v = e.b WHERE ma.l <> mb.l");
            exec("DROP TABLE " + ns + "_ir_ce, " + ns + "_ir_m1, " + ns + "_ir_m2");
            exec("ALTER TABLE " + ns + "_ir_next RENAME TO _ir_ce");
            if (left == 0) {
                exec("DROP TABLE " + ns + "_ir_ce");
                return levels;
            }
        }
    }

    // ---- guard ----

    private List<ResolutionRun.GuardHit> guard() throws SQLException {
        // alone: no edge, a profile of one identity (merge copies its values instead of aggregating them).
        exec("CREATE UNLOGGED TABLE " + ns + "_ir_comp AS SELECT n._ir_id AS id, coalesce(l.l, n._ir_id) AS c, "
                + "l.id IS NULL AS alone FROM " + ns + "_ir_nodes n LEFT JOIN " + ns + "_ir_lab l ON l.id = n._ir_id");
        exec("ANALYZE " + ns + "_ir_comp");
        // Counted over the labelled identities only: an identity without an edge is a component of one.
        List<long[]> big = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT l, count(*) FROM " + ns + "_ir_lab GROUP BY l HAVING count(*) > ? ORDER BY count(*) DESC, l")) {
            ps.setLong(1, spec.maxIdentities());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    big.add(new long[]{rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        if (big.isEmpty()) {
            return List.of();
        }
        List<ResolutionRun.GuardHit> hits = new ArrayList<>();
        Long[] ids = big.stream().map(b -> b[0]).toArray(Long[]::new);
        List<long[]> reported = big.subList(0, Math.min(20, big.size()));
        Map<Long, List<String>> shared = sharedValues(reported.stream().map(b -> b[0]).toArray(Long[]::new));
        for (long[] b : reported) {
            hits.add(new ResolutionRun.GuardHit(b[1], shared.getOrDefault(b[0], List.of())));
        }
        // Back to the rule-1 groups: identities of one connection and one id stay together, nothing more.
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ns + "_ir_comp t SET c = r.r FROM (SELECT n._ir_id AS id, "
                + "min(n._ir_id) OVER (PARTITION BY n._connection, n._is_anonymous, n._identity_id COLLATE \"C\") AS r FROM " + ns + "_ir_nodes n "
                + "JOIN " + ns + "_ir_comp x ON x.id = n._ir_id WHERE x.c = ANY (?)) r WHERE t.id = r.id")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.executeUpdate();
        }
        return hits;
    }

    /**
     * Which identifiers hold each component together: its three most shared values' identifiers and counts, not the
     * values. One pass over the identifier values for all the reported components.
     */
    private Map<Long, List<String>> sharedValues(Long[] components) throws SQLException {
        Map<Long, List<String>> shared = new HashMap<>();
        if (spec.identifiers().isEmpty()) {
            return shared;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT c, k, n FROM (SELECT x.c, k.k, count(*) AS n, row_number() "
                + "OVER (PARTITION BY x.c ORDER BY count(*) DESC, k.k) AS r FROM " + keys() + " k JOIN " + ns + "_ir_comp x "
                + "ON x.id = k.id WHERE x.c = ANY (?) GROUP BY x.c, k.k, k.v HAVING count(*) > 1) s WHERE r <= 3 ORDER BY c, r")) {
            ps.setArray(1, c.createArrayOf("bigint", components));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shared.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                            spec.identifiers().get(rs.getInt(2) - 1) + ": one value shared by " + rs.getLong(3) + " identities");
                }
            }
        }
        return shared;
    }

    // ---- KPIDs ----

    /**
     * Assigns a KPID to every component; returns {merges, splits}. A component's id is the id of one of its members,
     * and that member's component is itself (every label is a member's id, and all members of a component share it;
     * the guard's rule-1 groups and a lone identity likewise): so the components are the rows whose id is their
     * component's, found without aggregating every identity.
     */
    private long[] kpids() throws SQLException {
        exec("CREATE UNLOGGED TABLE " + ns + "_ir_old AS SELECT x.c, n._kpid AS kpid FROM " + ns + "_ir_comp x "
                + "JOIN " + ns + "_ir_nodes n ON n._ir_id = x.id WHERE n._kpid IS NOT NULL");
        exec("CREATE UNLOGGED TABLE " + ns + "_ir_per_comp AS SELECT c, count(DISTINCT kpid) AS olds, "
                + "min(kpid::text)::uuid AS kpid FROM " + ns + "_ir_old GROUP BY c");
        exec("CREATE UNLOGGED TABLE " + ns + "_ir_per_old AS SELECT kpid, count(DISTINCT c) AS parts FROM " + ns + "_ir_old GROUP BY kpid");
        // Statistics, so that the planner knows how small these are (all empty on a first run) when it joins them to
        // every component.
        exec("ANALYZE " + ns + "_ir_per_comp");
        exec("ANALYZE " + ns + "_ir_per_old");
        exec("CREATE UNLOGGED TABLE " + ns + "_ir_kp AS SELECT d.c, CASE WHEN pc.olds = 1 AND po.parts = 1 THEN pc.kpid "
                + "ELSE gen_random_uuid() END AS kpid FROM (SELECT c FROM " + ns + "_ir_comp WHERE c = id) d "
                + "LEFT JOIN " + ns + "_ir_per_comp pc ON pc.c = d.c LEFT JOIN " + ns + "_ir_per_old po ON po.kpid = pc.kpid");
        exec("ANALYZE " + ns + "_ir_kp");
        long merges = count("SELECT count(*) FROM " + ns + "_ir_per_comp WHERE olds > 1");
        long splits = count("SELECT count(*) FROM " + ns + "_ir_per_old WHERE parts > 1");
        return new long[]{merges, splits};
    }

    // ---- merge ----

    /**
     * Writes {@code profiles_<run>} and the run's mapping. Both read the snapshot joined to the components, never a
     * copy of it: at 10 M identities a materialised join was 2.5 GB written and read back. A profile of one identity
     * (most of them) takes that identity's values as they are, with the same rules (no blank value, the primary
     * connection only, array elements as a sorted set); only the identities of larger components are sorted and
     * aggregated, per component (bigint), the KPID attached to the grouped rows. Array properties of those are merged
     * as element sets in their own aggregate, joined to the grouped rows (one row per profile), not to every identity.
     */
    private long merge() throws SQLException {
        String members = ns + "_ir_nodes b JOIN " + ns + "_ir_comp x ON x.id = b._ir_id";
        StringBuilder alone = new StringBuilder("SELECT kp.kpid AS _kpid, b._updated_at, 1 AS _identities");
        StringBuilder grouped = new StringBuilder("SELECT x.c AS _ir_c, max(b._updated_at) AS _updated_at, "
                + "count(*)::integer AS _identities");
        StringBuilder select = new StringBuilder("SELECT kp.kpid AS _kpid, g._updated_at, g._identities");
        StringBuilder joins = new StringBuilder();
        int a = 0;
        for (Property p : spec.properties()) {
            String col = "b." + q(p.name());
            Long primary = spec.primaryConnections().get(p.name());
            String onlyPrimary = primary == null ? "" : " AND b._connection = " + primary;
            if (p.type().kind() == TypeKind.ARRAY) {
                boolean json = isJsonArray(p);
                String alias = "_ir_a" + (++a);
                String elements = json ? "jsonb_array_elements(CASE WHEN jsonb_typeof(" + col + ") = 'array' THEN " + col + " END)"
                        : "unnest(" + col + ")";
                String agg = json ? "jsonb_agg(DISTINCT e ORDER BY e)" : "array_agg(DISTINCT e ORDER BY e)";
                String element = " AS e WHERE e IS NOT NULL" + (json ? " AND e <> 'null'::jsonb" : "") + onlyPrimary;
                alone.append(", (SELECT ").append(agg).append(" FROM ").append(elements).append(element).append(") AS ")
                        .append(q(p.name()));
                joins.append(" LEFT JOIN (SELECT x.c, ").append(agg).append(" AS v FROM ").append(members)
                        .append(" CROSS JOIN LATERAL ").append(elements).append(element).append(" AND NOT x.alone GROUP BY x.c) ")
                        .append(alias).append(" ON ").append(alias).append(".c = g._ir_c");
                select.append(", ").append(alias).append(".v AS ").append(q(p.name()));
            } else {
                String hasValue = col + " IS NOT NULL" + (p.type().kind() == TypeKind.STRING ? " AND btrim(" + col + ") <> ''" : "")
                        + (p.type().kind() == TypeKind.JSON || p.type().kind() == TypeKind.OBJECT ? " AND " + col + " <> 'null'::jsonb" : "");
                alone.append(", CASE WHEN ").append(hasValue).append(onlyPrimary).append(" THEN ").append(col).append(" END AS ")
                        .append(q(p.name()));
                grouped.append(", (array_agg(").append(col).append(" ORDER BY b._updated_at DESC, ").append(KEY_DESC)
                        .append(") FILTER (WHERE ").append(hasValue).append(onlyPrimary).append("))[1] AS ").append(q(p.name()));
                select.append(", g.").append(q(p.name()));
            }
        }
        String table = ns + q(profilesTable(spec.runId()));
        exec("DROP TABLE IF EXISTS " + table);
        long rows = update("CREATE TABLE " + table + " AS " + select + " FROM (" + grouped + " FROM " + members
                + " WHERE NOT x.alone GROUP BY x.c) g JOIN " + ns + "_ir_kp kp ON kp.c = g._ir_c" + joins
                + " UNION ALL " + alone + " FROM " + members + " JOIN " + ns + "_ir_kp kp ON kp.c = x.c WHERE x.alone");
        exec("ALTER TABLE " + table + " ADD PRIMARY KEY (_kpid)");
        String mapping = ns + q(mappingTable(spec.runId()));
        exec("DROP TABLE IF EXISTS " + mapping);
        exec("CREATE TABLE " + mapping + " AS SELECT b._connection, b._pipeline, b._identity_id, b._is_anonymous, "
                + "b._anonymous_ids, b._updated_at, kp.kpid AS _kpid FROM " + members + " JOIN " + ns + "_ir_kp kp ON kp.c = x.c");
        // No key index: the mapping is only ever read whole (publish, rollback: hash joins), its rows are unique by
        // construction (one per identity of the snapshot), and at 10 M identities the index took 28 s to build.
        exec("ANALYZE " + mapping);
        return rows;
    }

    private static boolean isJsonArray(Property p) {
        TypeKind element = ((com.krenalis.api.types.ArrayType) p.type()).element().kind();
        return element == TypeKind.ARRAY || element == TypeKind.OBJECT || element == TypeKind.JSON;
    }

    // ---- publish (also used by rollback) ----

    /** Sets every identity's KPID from a run's mapping; identities written after the run's snapshot keep theirs. */
    static void linkIdentities(Connection c, String ns, UnaryOperator<String> quote, String mappingTable) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + ns + quote.apply(IDENTITIES) + " i SET _kpid = m._kpid FROM " + ns + quote.apply(mappingTable)
                    + " m WHERE i._connection = m._connection AND i._pipeline = m._pipeline AND i._identity_id = m._identity_id "
                    + "AND i._is_anonymous = m._is_anonymous AND i._kpid IS DISTINCT FROM m._kpid");
        }
    }

    /**
     * Sets the KPID of every event from a run's mapping (K6): a known event through its userId, an anonymous one through
     * its anonymousId, both on the event's connection. An anonymousId that several identities of a connection carry
     * (a shared device) goes to the known identity updated last.
     */
    static void linkEvents(Connection c, String namespace, UnaryOperator<String> quote, String mappingTable) throws SQLException {
        if (!exists(c, namespace, EVENTS)) {
            return;
        }
        String ns = quote.apply(namespace) + ".";
        String events = ns + quote.apply(EVENTS);
        String mapping = ns + quote.apply(mappingTable);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE _ir_ev_known ON COMMIT DROP AS SELECT DISTINCT ON (_connection, _identity_id) "
                    + "_connection, _identity_id AS user_id, _kpid FROM " + mapping + " WHERE NOT _is_anonymous "
                    + "ORDER BY _connection, _identity_id, _updated_at DESC, _pipeline DESC");
            st.execute("CREATE TEMP TABLE _ir_ev_anon ON COMMIT DROP AS SELECT DISTINCT ON (_connection, anonymous_id) "
                    + "_connection, anonymous_id, _kpid FROM (SELECT _connection, _identity_id AS anonymous_id, _kpid, "
                    + "_is_anonymous, _updated_at, _pipeline, _identity_id FROM " + mapping + " WHERE _is_anonymous UNION ALL "
                    + "SELECT m._connection, a.id, m._kpid, m._is_anonymous, m._updated_at, m._pipeline, m._identity_id FROM " + mapping
                    + " m CROSS JOIN LATERAL unnest(m._anonymous_ids) AS a(id) WHERE NOT m._is_anonymous) s "
                    + "ORDER BY _connection, anonymous_id, _is_anonymous, _updated_at DESC, _pipeline DESC, _identity_id DESC");
            st.executeUpdate("UPDATE " + events + " e SET kpid = m._kpid FROM _ir_ev_known m WHERE e.user_id IS NOT NULL "
                    + "AND e.connection_id = m._connection AND e.user_id = m.user_id AND e.kpid IS DISTINCT FROM m._kpid");
            st.executeUpdate("UPDATE " + events + " e SET kpid = m._kpid FROM _ir_ev_anon m WHERE e.user_id IS NULL "
                    + "AND e.connection_id = m._connection AND e.anonymous_id = m.anonymous_id AND e.kpid IS DISTINCT FROM m._kpid");
            st.execute("DROP TABLE _ir_ev_known, _ir_ev_anon");
        }
    }

    /** Points the profiles view at a run's table and records the run in the view's comment. */
    static void switchView(Connection c, String namespace, UnaryOperator<String> quote, long runId) throws SQLException {
        String ns = quote.apply(namespace) + ".";
        try (Statement st = c.createStatement()) {
            st.execute("DROP VIEW IF EXISTS " + ns + quote.apply(VIEW));
            st.execute("CREATE VIEW " + ns + quote.apply(VIEW) + " AS SELECT * FROM " + ns + quote.apply(profilesTable(runId)));
            st.execute("COMMENT ON VIEW " + ns + quote.apply(VIEW) + " IS '" + VIEW_COMMENT + runId + "'");
        }
    }

    /** The run the profiles view shows, from its comment; empty before the first run. */
    static Optional<Long> currentRun(Connection c, String namespace, UnaryOperator<String> quote) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT obj_description(to_regclass(?), 'pg_class')")) {
            ps.setString(1, quote.apply(namespace) + "." + quote.apply(VIEW));
            try (ResultSet rs = ps.executeQuery()) {
                String comment = rs.next() ? rs.getString(1) : null;
                if (comment == null || !comment.startsWith(VIEW_COMMENT)) {
                    return Optional.empty();
                }
                return Optional.of(Long.parseLong(comment.substring(VIEW_COMMENT.length())));
            }
        }
    }

    /** The runs whose tables exist in the namespace, newest first. */
    static List<Long> storedRuns(Connection c, String namespace) throws SQLException {
        List<Long> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT substring(p.tablename from 10)::bigint AS run FROM pg_tables p "
                + "JOIN pg_tables m ON m.schemaname = p.schemaname AND m.tablename = 'profile_identities_' || substring(p.tablename from 10) "
                + "WHERE p.schemaname = ? AND p.tablename ~ '^profiles_[0-9]+$' ORDER BY 1 DESC")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(rs.getLong(1));
                }
            }
        }
        return runs;
    }

    /** Keeps the tables of the current run and of the one before it (for rollback); drops the others. */
    static void dropOldRuns(Connection c, String namespace, UnaryOperator<String> quote, long current, Long previous)
            throws SQLException {
        String ns = quote.apply(namespace) + ".";
        List<String> drop = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ? "
                + "AND (tablename ~ '^profiles_[0-9]+$' OR tablename ~ '^profile_identities_[0-9]+$')")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    long run = Long.parseLong(table.substring(table.lastIndexOf('_') + 1));
                    if (run != current && (previous == null || run != previous)) {
                        drop.add(ns + quote.apply(table));
                    }
                }
            }
        }
        if (!drop.isEmpty()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + String.join(", ", drop));
            }
        }
    }

    static boolean exists(Connection c, String namespace, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "\"" + namespace.replace("\"", "\"\"") + "\".\"" + table.replace("\"", "\"\"") + "\"");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void exec(String sql) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        phases.statement(sql, (System.nanoTime() - t0) / 1_000_000);
    }

    private long update(String sql) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        } finally {
            phases.statement(sql, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
