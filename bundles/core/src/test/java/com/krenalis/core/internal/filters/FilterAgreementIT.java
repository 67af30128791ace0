package com.krenalis.core.internal.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.common.WarehouseRows;
import com.krenalis.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two evaluations of a filter agree: for every operator on every type, with many values, the rows PostgreSQL
 * selects with {@link SqlFilter} are the rows {@link RecordFilter} accepts in memory, on the same rows read back as the
 * profile reader returns them (JSON-like values).
 */
class FilterAgreementIT {
    private static final String A = "0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    private static final String B = "6f1c2a9e-0000-4000-8000-000000000001";
    private static Connection db;
    private static List<Map<String, Object>> rows;

    private static final Map<String, Type> PROPERTIES = FilterFixtures.PROPERTIES;

    /** Sample filter values per property (paths of JSON properties share theirs); values a type refuses are skipped. */
    private static final Map<String, List<Object>> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("email", List.of("ada@example.com", "", "ada", "@example.com", "com", "ü", "ADA@EXAMPLE.COM", "%", "_"));
        SAMPLES.put("age", List.of(18, 30, -5, 0, 2147483647, 18.5));
        SAMPLES.put("score", List.of(1.5, 0, 0.1, 1e300, -1));
        SAMPLES.put("balance", List.of(12.5, 0, -3.25, 99999999.99, 12.505));
        SAMPLES.put("vip", List.of(true, false));
        SAMPLES.put("seen", List.of("2026-11-23T10:15:30.123456Z", "2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
                "2026-11-23T11:15:30.123457+01:00"));
        SAMPLES.put("birthday", List.of("1990-02-01", "2000-01-01", "1999-12-31"));
        SAMPLES.put("wake", List.of("07:30", "00:00", "23:59:59.999999", "12:00"));
        SAMPLES.put("ref", List.of(A, B.toUpperCase()));
        SAMPLES.put("ip", List.of("10.0.0.1", "::1", "::ffff:10.0.0.1", "10.0.0.2", "0:0:0:0:0:0:0:1"));
        SAMPLES.put("tags", List.of("vip", "a", "x", ""));
        SAMPLES.put("lucky", List.of(7, 13, 8));
        List<Object> json = List.of("pro", "a", 12, 2, 0.5, 0.1, true, false, "12", "Rome", "", "r", 100, "pro ");
        for (String p : List.of("traits", "traits.plan", "traits.n", "traits.tags", "traits.beta", "traits.none",
                "traits.missing", "traits.nested", "traits.nested.city", "traits.text", "traits.empty", "address",
                "address.city")) {
            SAMPLES.put(p, json);
        }
    }

    @BeforeAll
    static void load() throws Exception {
        db = TestPostgres.connect(TestPostgres.newDatabase("filters"));
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE t (id int PRIMARY KEY, email text, age integer, score double precision, "
                    + "balance numeric(10,2), vip boolean, seen timestamp(6) with time zone, birthday date, "
                    + "wake time(6) without time zone, ref uuid, ip inet, tags text[], lucky bigint[], traits jsonb, address jsonb)");
            st.execute("INSERT INTO t (id) VALUES (1)");
            st.execute("INSERT INTO t VALUES (2, 'ada@example.com', 30, 1.5, 12.50, true, '2026-11-23T10:15:30.123456Z', "
                    + "'1990-02-01', '07:30', '" + A + "', '10.0.0.1', '{vip,a}', '{7,13}', "
                    + "'{\"plan\":\"pro\",\"n\":12,\"ratio\":0.5,\"beta\":true,\"none\":null,\"tags\":[\"a\",2],\"empty\":[],"
                    + "\"nested\":{\"city\":\"Rome\"},\"text\":\"\",\"digits\":\"12\"}', '{\"city\":\"Rome\"}')");
            st.execute("INSERT INTO t VALUES (3, '', 18, '-0', 0, false, '2026-01-01T00:00:00Z', '2000-01-01', '00:00', '"
                    + B + "', '::1', '{}', '{}', '{}', '{\"city\":null}')");
            st.execute("INSERT INTO t VALUES (4, 'bob@test.it', -5, 'NaN', -3.25, NULL, '1970-01-01T00:00:00Z', '1999-12-31', "
                    + "'23:59:59.999999', '" + A + "', '::ffff:10.0.0.1', '{NULL,x}', '{NULL}', '\"pro\"', '[]')");
            st.execute("INSERT INTO t VALUES (5, 'ADA@EXAMPLE.COM', 2147483647, 1e300, 99999999.99, true, "
                    + "'2026-11-23T10:15:30.123457Z', '2000-01-01', '12:00', NULL, '0:0:0:0:0:0:0:1', '{\"\"}', '{8}', "
                    + "'{\"plan\":\"free\",\"n\":\"12\",\"tags\":\"a\",\"nested\":\"x\",\"beta\":\"true\",\"text\":\"r\"}', "
                    + "'{\"city\":\"rome\"}')");
            st.execute("INSERT INTO t VALUES (6, 'ünïcödé ✓ %_ text', 0, 0.1, 12.51, false, NULL, NULL, NULL, NULL, '10.0.0.2', "
                    + "'{vip}', '{13,13}', '[1,2,\"a\"]', NULL)");
            st.execute("INSERT INTO t (id, traits, address) VALUES (7, 'null', '\"Rome\"')");
            st.execute("INSERT INTO t (id, traits) VALUES (8, '{\"n\":12.0,\"plan\":\"pro \",\"beta\":false,"
                    + "\"tags\":[[\"a\"],{\"a\":2}],\"nested\":{\"city\":{\"a\":1}},\"empty\":{},\"none\":0}')");
            st.execute("INSERT INTO t (id, traits) VALUES (9, '{\"n\":1e2,\"tags\":[100,\"pro\",false],\"text\":\"Rome\","
                    + "\"nested\":{\"city\":\"\"},\"empty\":\"\",\"plan\":\"\"}')");
            st.execute("INSERT INTO t (id, traits) VALUES (10, '{\"n\":0.1000,\"tags\":[],\"beta\":null,\"plan\":12}')");
            st.execute("INSERT INTO t (id, traits) VALUES (11, '{\"n\":-0.5,\"plan\":true,\"tags\":[0.5,12.00]}')");
        }
        rows = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM t ORDER BY id")) {
            while (rs.next()) {
                rows.add(WarehouseRows.row(rs));
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static Set<Integer> inSql(Filter filter) throws Exception {
        SqlFilter.Fragment where = SqlFilter.where(filter, FilterAgreementIT::quote);
        Set<Integer> ids = new TreeSet<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM t WHERE " + where.sql())) {
            for (int i = 0; i < where.args().size(); i++) {
                ps.setObject(i + 1, where.args().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return ids;
    }

    private static Set<Integer> inMemory(Filter filter) {
        Set<Integer> ids = new TreeSet<>();
        for (Map<String, Object> row : rows) {
            if (RecordFilter.matches(filter, row)) {
                ids.add((Integer) row.get("id"));
            }
        }
        return ids;
    }

    private static Map<String, Object> condition(String property, Operator operator, List<Object> values) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("property", property);
        c.put("operator", operator.json());
        c.put("values", values);
        return c;
    }

    /** Every condition the samples allow: each applicable operator with no value, each value, each pair of values. */
    private static List<Map<String, Object>> conditions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : SAMPLES.entrySet()) {
            List<Object> samples = e.getValue();
            for (Operator op : Operator.values()) {
                List<List<Object>> valueLists = new ArrayList<>();
                if (op.minValues() == 0) {
                    valueLists.add(List.of());
                }
                if (op.minValues() <= 1 && op.maxValues() >= 1) {
                    samples.forEach(s -> valueLists.add(List.of(s)));
                }
                if (op.minValues() <= 2 && op.maxValues() >= 2) {
                    for (Object a : samples) {
                        for (Object b : samples) {
                            valueLists.add(List.of(a, b));
                        }
                    }
                }
                valueLists.forEach(values -> out.add(condition(e.getKey(), op, values)));
            }
        }
        return out;
    }

    private static Filter parse(String logical, List<Map<String, Object>> conditions) {
        return FilterParser.parse(Map.of("logical", logical, "conditions", conditions), "filter", PROPERTIES);
    }

    @Test
    void everyConditionSelectsTheSameRowsInSqlAndInMemory() throws Exception {
        Set<Operator> tried = EnumSet.noneOf(Operator.class);
        int checked = 0;
        List<String> disagreements = new ArrayList<>();
        for (Map<String, Object> condition : conditions()) {
            Filter filter;
            try {
                filter = parse("and", List.of(condition));
            } catch (InvalidInputException e) {
                continue; // an operator or value the property's type refuses
            }
            tried.add(filter.conditions().get(0).operator());
            checked++;
            Set<Integer> sql = inSql(filter);
            Set<Integer> memory = inMemory(filter);
            if (!sql.equals(memory)) {
                disagreements.add(condition + ": SQL " + sql + ", memory " + memory);
            }
        }
        assertEquals(List.of(), disagreements);
        assertEquals(EnumSet.allOf(Operator.class), tried);
        assertTrue(checked > 1000, "checked " + checked);
    }

    @Test
    void combinedConditionsAgreeToo() throws Exception {
        List<Map<String, Object>> all = conditions();
        Random random = new Random(42);
        int checked = 0;
        while (checked < 300) {
            List<Map<String, Object>> some = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                some.add(all.get(random.nextInt(all.size())));
            }
            Filter filter;
            try {
                filter = parse(random.nextBoolean() ? "and" : "or", some);
            } catch (InvalidInputException e) {
                continue;
            }
            checked++;
            assertEquals(inSql(filter), inMemory(filter), some::toString);
        }
    }

    @Test
    void theTableHoldsWhatTheTestMeans() {
        assertEquals(11, rows.size());
        assertEquals(Arrays.asList(null, "x"), rows.get(3).get("tags"));
        assertEquals("2026-11-23T10:15:30.123456Z", rows.get(1).get("seen"));
        assertEquals(Map.of("city", "Rome"), rows.get(1).get("address"));
    }
}
