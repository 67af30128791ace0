package com.krenalis.core.internal.identity;

import com.krenalis.api.profiles.IdentityResolutionSettings;
import com.krenalis.runtime.launcher.EmbeddedPostgresServer;
import com.krenalis.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * bench/identity: identity resolution ({@link PostgresResolution}) on generated populations ({@link BenchPopulation})
 * of growing size on the embedded PostgreSQL, with the time of every phase, the rounds, and the pairwise precision and
 * recall against the people the generator knows; at small sizes also the naive method ({@link NaiveResolution}) on
 * the same data. A main class, not a test (the surefire and failsafe patterns do not match it); run it with
 * {@code bench/identity/run}, which documents the options. It prints figures and asserts nothing.
 */
public final class IdentityBench {
    private static final String NS = "ws";
    private static final UnaryOperator<String> QUOTE = s -> "\"" + s.replace("\"", "\"\"") + "\"";
    static final String USAGE = "usage: IdentityBench [--sizes 100K,1M] [--10m] [--naive-sizes 20K,100K] [--naive-budget SECONDS]"
            + " [--chain 10000] [--seed N] [--set NAME=VALUE]... [--rerun] [--blocklist-only] [--keep] [--trace] [--data DIR]";

    /** The command line. */
    static final class Options {
        final TreeSet<Long> sizes = new TreeSet<>(List.of(100_000L, 1_000_000L));
        final TreeSet<Long> naiveSizes = new TreeSet<>(List.of(20_000L, 100_000L));
        long naiveBudgetSeconds = 300;
        int chain = 10_000;
        long seed = 1;
        boolean rerun;
        /** Only the run with the blocklist (the product's setup): the run without it shows what junk values do. */
        boolean blocklistOnly;
        boolean keep;
        /** Print every statement of a run that took a second or more. */
        boolean trace;
        Path data = Path.of("bench/identity/target/postgres");
        /** PostgreSQL settings for the resolving session, e.g. work_mem=256MB: what a run would gain from them. */
        final List<String> settings = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--10m" -> o.sizes.add(10_000_000L);
                    case "--rerun" -> o.rerun = true;
                    case "--blocklist-only" -> o.blocklistOnly = true;
                    case "--keep" -> o.keep = true;
                    case "--trace" -> o.trace = true;
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(USAGE);
                        }
                        String v = args[++i];
                        switch (args[i - 1]) {
                            case "--sizes" -> sizes(o.sizes, v);
                            case "--naive-sizes" -> sizes(o.naiveSizes, v);
                            case "--naive-budget" -> o.naiveBudgetSeconds = Long.parseLong(v);
                            case "--chain" -> o.chain = Integer.parseInt(v);
                            case "--seed" -> o.seed = Long.parseLong(v);
                            case "--data" -> o.data = Path.of(v);
                            case "--set" -> {
                                if (!v.matches("[a-z_]+=[A-Za-z0-9_.]+")) {
                                    throw new IllegalArgumentException(USAGE);
                                }
                                o.settings.add(v);
                            }
                            default -> throw new IllegalArgumentException(USAGE);
                        }
                    }
                }
            }
            return o;
        }

        private static void sizes(TreeSet<Long> into, String list) {
            into.clear();
            for (String s : list.split(",")) {
                if (s.isBlank() || s.equals("0")) {
                    continue;
                }
                String t = s.trim().toUpperCase();
                long unit = t.endsWith("K") ? 1_000 : t.endsWith("M") ? 1_000_000 : 1;
                into.add(Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit);
            }
        }
    }

    /** One resolution run's figures. */
    record Run(String label, Map<String, Long> phases, long endToEndMillis, ResolutionOutcome outcome, double[] accuracy,
               long tempMb) {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        TreeSet<Long> all = new TreeSet<>(o.sizes);
        all.addAll(o.naiveSizes);
        System.out.println(machine());
        Files.createDirectories(o.data);
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(o.data.toAbsolutePath(), TestPostgres.freePort())) {
            System.out.println(postgres(pg));
            System.out.println("Seed " + o.seed + "; sizes " + all + "; naive at " + o.naiveSizes + " (budget "
                    + o.naiveBudgetSeconds + " s); chains of " + o.chain + ", " + o.chain / 2 + ", " + o.chain / 5
                    + " identities where they fit in a quarter of the size; guard " + guard()
                    + (o.settings.isEmpty() ? "" : "; resolving session: SET " + String.join(", ", o.settings)) + "\n");
            List<String> rows = new ArrayList<>();
            List<String> naiveRows = new ArrayList<>();
            for (long size : all) {
                size(pg, o, size, rows, naiveRows);
            }
            System.out.println("\n| identities | run | snapshot | edges | components | guard | kpids | merge | publish "
                    + "| end to end | rounds | profiles | guard hits | precision | recall: all / with an identifier | temp files |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            if (!naiveRows.isEmpty()) {
                System.out.println("\nGrouping only (snapshot + edges + components), same data, with the blocklist:\n");
                System.out.println("| identities | method | snapshot | edges | components | total | rounds | same grouping |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                naiveRows.forEach(System.out::println);
            }
            System.out.println("\nLoad average after the runs: " + loadAverage());
        }
    }

    private static void size(EmbeddedPostgresServer pg, Options o, long size, List<String> rows,
                             List<String> naiveRows) throws Exception {
        String db = "bench_identity_" + size;
        try (Connection admin = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), null);
             Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db);
        }
        pg.ensureDatabase(db);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), null);
             Connection c2 = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), null)) {
            for (String setting : o.settings) { // before any temporary table: temp_buffers cannot change after
                exec(c, "SET " + setting.replaceFirst("=", " = '") + "'");
            }
            exec(c, "CREATE SCHEMA ws");
            exec(c, "SET search_path = ws");
            exec(c2, "SET search_path = ws");
            long t0 = System.nanoTime();
            BenchPopulation.Figures f = BenchPopulation.load(c, c2, o.seed, size, o.chain);
            long t1 = System.nanoTime();
            exec(c, "VACUUM ANALYZE identities");
            exec(c, "VACUUM ANALYZE truth");
            exec(c, "RESET search_path");
            long chainPeople = f.chainIdentities() > 0 ? chainPeopleOf(c) : 0;
            System.out.printf("%,d identities of %,d people (%,d in chains), %,d junk emails, %,d junk phones: generated and "
                            + "COPYed in %.1f s, VACUUM ANALYZE %.1f s, table %s%n", f.identities(), f.people(),
                    f.chainIdentities(), f.junkEmails(), f.junkPhones(), (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
                    text(c, "SELECT pg_size_pretty(pg_total_relation_size('ws.identities'))"));
            Map<String, List<String>> blocklist = Map.of("email", List.of(BenchPopulation.JUNK_EMAIL),
                    "phone", List.of(BenchPopulation.JUNK_PHONE));
            Run first = resolve(c, o, 1, "blocklist", blocklist, chainPeople);
            rows.add(row(size, first));
            if (o.naiveSizes.contains(size)) {
                naiveRows.add(String.format("| %,d | PostgresResolution | %s | %s | %s | %s | %d | |", size,
                        s(first.phases().get("snapshot")), s(first.phases().get("edges")), s(first.phases().get("components")),
                        s(first.phases().get("snapshot") + first.phases().get("edges") + first.phases().get("components")),
                        first.outcome().rounds()));
                naiveRows.add(naive(c, o, size, blocklist));
            }
            if (!o.blocklistOnly) {
                rows.add(row(size, resolve(c, o, 2, "no blocklist", Map.of(), chainPeople)));
            }
            if (o.rerun) {
                rows.add(row(size, resolve(c, o, 3, "blocklist, rerun (no change)", blocklist, chainPeople)));
            }
        }
        if (!o.keep) {
            try (Connection admin = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), null);
                 Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE " + db);
            }
        }
    }

    private static Run resolve(Connection c, Options o, long runId, String label, Map<String, List<String>> blocklist, long chainPeople)
            throws SQLException {
        ResolutionSpec spec = new ResolutionSpec(runId, BenchPopulation.PROPERTIES, BenchPopulation.IDENTIFIERS, blocklist,
                guard(), Map.of());
        Map<String, Long> phases = new LinkedHashMap<>();
        long temp0 = tempBytes(c);
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        ResolutionOutcome outcome = new PostgresResolution(c, NS, QUOTE, spec, new PostgresResolution.Phases() {
            @Override
            public void done(String phase, long millis) {
                phases.put(phase, millis);
                System.out.printf("  run %d (%s): %s %.1f s%n", runId, label, phase, millis / 1e3);
            }

            @Override
            public void statement(String sql, long millis) {
                if (o.trace && millis >= 1000) {
                    System.out.printf("    %6.1f s  %s%n", millis / 1e3, sql.length() > 160 ? sql.substring(0, 160) + "..." : sql);
                }
            }
        }).run();
        c.commit();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        c.setAutoCommit(true);
        long tempMb = (tempBytes(c) - temp0) >> 20;
        double[] accuracy = accuracy(c, PostgresResolution.mappingTable(runId), chainPeople);
        Run run = new Run(label, phases, millis, outcome, accuracy, tempMb);
        System.out.printf("  run %d (%s): %.1f s end to end, %d rounds, %,d profiles, %d guard hits, precision %.4f, "
                        + "recall %.4f (%.4f with an identifier), %,d MB of temp files%n", runId, label, millis / 1e3,
                outcome.rounds(), outcome.profiles(), outcome.guardHits().size(), accuracy[0], accuracy[1], accuracy[2], tempMb);
        return run;
    }

    private static String naive(Connection c, Options o, long size, Map<String, List<String>> blocklist) throws SQLException {
        System.out.printf("  naive (blocklist): running, budget %d s%n", o.naiveBudgetSeconds);
        NaiveResolution.Result r = NaiveResolution.run(c, "ws.identities", BenchPopulation.IDENTIFIERS, blocklist,
                o.naiveBudgetSeconds * 1000);
        if (r.edges() < 0) {
            System.out.printf("  naive (blocklist): edges not finished in the budget of %d s%n", o.naiveBudgetSeconds);
            NaiveResolution.drop(c);
            return String.format("| %,d | naive | %s | > %s (not finished) | | > %s | | |", size, s(r.snapshotMillis()),
                    s(o.naiveBudgetSeconds * 1000), s(o.naiveBudgetSeconds * 1000));
        }
        String same = r.converged() ? NaiveResolution.sameGrouping(c, "ws." + PostgresResolution.mappingTable(1)) ? "yes" : "NO"
                : "(not converged)";
        NaiveResolution.drop(c);
        System.out.printf("  naive (blocklist): snapshot %.1f s, edges %.1f s (%,d), components %.1f s, %d rounds%s, same "
                        + "grouping %s%n", r.snapshotMillis() / 1e3, r.edgesMillis() / 1e3, r.edges(), r.componentsMillis() / 1e3,
                r.rounds(), r.converged() ? "" : " (budget spent, not converged)", same);
        return String.format("| %,d | naive | %s | %s | %s%s | %s%s | %d%s | %s |", size, s(r.snapshotMillis()), s(r.edgesMillis()),
                r.converged() ? "" : "> ", s(r.componentsMillis()), r.converged() ? "" : "> ", s(r.totalMillis()), r.rounds(),
                r.converged() ? "" : " (not converged)", same);
    }

    /**
     * Pairwise precision and recall over the identities of people not in chains (a chain's 50 million pairs would
     * drown everyone else's): pairs in one predicted profile, in one true person, in both, counted per group as
     * n(n-1)/2, never listed. Then recall again over the identities that have an identifier value other than a blank or
     * a junk one: the others (most anonymous visitors) no rule can link, whatever the algorithm.
     */
    private static double[] accuracy(Connection c, String mapping, long chainPeople) throws SQLException {
        double[] all = pairs(c, mapping, "t.person >= " + chainPeople);
        double[] linkable = pairs(c, mapping, "t.person >= " + chainPeople + " AND (i.customer_id IS NOT NULL "
                + "OR btrim(i.email) NOT IN ('', '" + BenchPopulation.JUNK_EMAIL + "') "
                + "OR btrim(i.phone) NOT IN ('', '" + BenchPopulation.JUNK_PHONE + "'))");
        return new double[]{all[0], all[1], linkable[1]};
    }

    /** {precision, recall} over the identities that satisfy the condition on t (truth) and i (identities). */
    private static double[] pairs(Connection c, String mapping, String where) throws SQLException {
        String key = "USING (_connection, _pipeline, _identity_id, _is_anonymous)";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("WITH j AS (SELECT m._kpid, t.person FROM ws."
                + QUOTE.apply(mapping) + " m JOIN ws.truth t " + key + " JOIN ws.identities i " + key + " WHERE " + where + "), "
                + "p AS (SELECT count(*)::numeric AS n FROM j GROUP BY _kpid), t AS (SELECT count(*)::numeric AS n FROM j GROUP BY person), "
                + "b AS (SELECT count(*)::numeric AS n FROM j GROUP BY _kpid, person) "
                + "SELECT (SELECT sum(n * (n - 1) / 2) FROM p), (SELECT sum(n * (n - 1) / 2) FROM t), (SELECT sum(n * (n - 1) / 2) FROM b)")) {
            rs.next();
            double predicted = rs.getDouble(1), truth = rs.getDouble(2), both = rs.getDouble(3);
            return new double[]{predicted == 0 ? 1 : both / predicted, truth == 0 ? 1 : both / truth};
        }
    }

    private static long chainPeopleOf(Connection c) throws SQLException {
        return Long.parseLong(text(c, "SELECT count(DISTINCT person) FROM ws.truth WHERE _identity_id LIKE 'chain-%'"));
    }

    private static long tempBytes(Connection c) throws SQLException {
        exec(c, "SELECT pg_stat_force_next_flush()");
        exec(c, "SELECT 1"); // the flush happens when the backend goes idle
        return Long.parseLong(text(c, "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()"));
    }

    private static int guard() {
        return IdentityResolutionSettings.DEFAULT_MAX_IDENTITIES_PER_PROFILE;
    }

    private static String row(long size, Run r) {
        Map<String, Long> p = r.phases();
        return String.format("| %,d | %s | %s | %s | %s | %s | %s | %s | %s | **%s** | %d | %,d | %d | %.4f | %.4f / %.4f | %,d MB |",
                size, r.label(), s(p.get("snapshot")), s(p.get("edges")), s(p.get("components")), s(p.get("guard")),
                s(p.get("kpids")), s(p.get("merge")), s(p.get("publish")), s(r.endToEndMillis()), r.outcome().rounds(),
                r.outcome().profiles(), r.outcome().guardHits().size(), r.accuracy()[0], r.accuracy()[1], r.accuracy()[2], r.tempMb());
    }

    private static String s(long millis) {
        return millis < 10_000 ? String.format("%.2f s", millis / 1e3) : String.format("%.1f s", millis / 1e3);
    }

    private static String machine() {
        return "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                + "\nCPU: " + grep("/proc/cpuinfo", "model name") + ", " + Runtime.getRuntime().availableProcessors() + " cores available"
                + "\nMemory: " + Long.parseLong(grep("/proc/meminfo", "MemTotal").replaceAll("\\D", "")) / 1024 + " MB"
                + "\nOS: " + grep("/etc/os-release", "PRETTY_NAME").replace("\"", "") + " (" + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", " + System.getProperty("os.arch") + ")"
                + "\nJava: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB"
                + "\nLoad average before the runs: " + loadAverage();
    }

    private static String postgres(EmbeddedPostgresServer pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), null)) {
            StringBuilder sb = new StringBuilder("PostgreSQL: " + text(c, "SELECT version()") + " (embedded, the product's settings)\n ");
            for (String setting : List.of("shared_buffers", "work_mem", "temp_buffers", "maintenance_work_mem",
                    "max_parallel_workers_per_gather", "fsync", "synchronous_commit")) {
                sb.append(" ").append(setting).append("=").append(text(c, "SHOW " + setting));
            }
            return sb.toString();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String grep(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()).replaceFirst("^\\s*[:=]\\s*", "").trim()).findFirst().orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
