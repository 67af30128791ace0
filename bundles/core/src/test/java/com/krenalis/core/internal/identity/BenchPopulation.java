package com.krenalis.core.internal.identity;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The people of bench/identity and their identities, from one seed, written with COPY into {@code identities} and,
 * with each identity's true person, into {@code truth}.
 *
 * <p>A person has 1–8 identities (2.3 on average) on four connections: website (anonymous visitors, who sometimes leave
 * an email in a form, and logged-in users), app (users and anonymous installs), CRM (contacts with customer ids) and a
 * database (customers), with emails, phones and customer ids missing as such sources miss them. Around them: email
 * changes (5 % of people: old and new address on different identities), households sharing a phone (3 %), shared
 * devices (10 % of the emails left on the website belong to someone else), junk values shared by many
 * ({@value #JUNK_EMAIL} on 0.5 % of emails, {@value #JUNK_PHONE} on 0.3 % of phones), blank emails, and a few people
 * whose identities form long chains (pairs of one app user on two pipelines, pair j linked to pair j+1 by a phone).
 * Identity ids are random-looking, so the identities table's key order says nothing about people.
 */
final class BenchPopulation {
    static final long WEBSITE = 1, APP = 2, CRM = 3, DATABASE = 4;
    static final String JUNK_EMAIL = "test@test.com";
    static final String JUNK_PHONE = "0000000000";
    static final List<Property> PROPERTIES = List.of(Property.of("email", Type.string(320)), Property.of("phone", Type.string(50)),
            Property.of("customer_id", Type.int64()), Property.of("first_name", Type.string(100)),
            Property.of("last_name", Type.string(100)), Property.of("city", Type.string(100)),
            Property.of("total_orders", Type.int64()), Property.of("tags", Type.array(Type.string(50))));
    /** Priority order: email, phone, customer id. */
    static final List<String> IDENTIFIERS = List.of("email", "phone", "customer_id");
    static final String DDL = "CREATE TABLE identities (_connection bigint NOT NULL, _pipeline bigint NOT NULL, "
            + "_identity_id text NOT NULL, _is_anonymous boolean NOT NULL, _anonymous_ids text[], _updated_at timestamptz NOT NULL, "
            + "_kpid uuid, email varchar(320), phone varchar(50), customer_id bigint, first_name varchar(100), "
            + "last_name varchar(100), city varchar(100), total_orders bigint, tags varchar(50)[], "
            + "PRIMARY KEY (_connection, _pipeline, _identity_id, _is_anonymous))";
    private static final String COPY_IDENTITIES = "COPY identities (_connection, _pipeline, _identity_id, _is_anonymous, "
            + "_anonymous_ids, _updated_at, email, phone, customer_id, first_name, last_name, city, total_orders, tags) FROM STDIN";
    private static final String COPY_TRUTH = "COPY truth (_connection, _pipeline, _identity_id, _is_anonymous, person) FROM STDIN";
    private static final String[] FIRST = {"Alex", "Sam", "Kim", "Jo", "Maria", "Luca", "Wei", "Ana", "Omar", "Eva"};
    private static final String[] LAST = {"Rossi", "Smith", "Chen", "Garcia", "Novak", "Kowalski", "Haddad", "Silva"};
    private static final String[] CITIES = {"Milan", "London", "Lyon", "Austin", "Porto", "Kraków", "Osaka", ""};
    private static final String[] TAGS = {"vip", "newsletter", "churn-risk", "beta", "b2b", "mobile", "promo", "loyal"};
    private static final String[] DOMAINS = {"mail.example", "post.example", "inbox.example", "corp.example"};
    private static final long FROM = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final int SPAN = 670 * 86_400;

    /** What was written. */
    record Figures(long identities, long people, long chainIdentities, long junkEmails, long junkPhones) {
    }

    private enum Kind { WEB_ANONYMOUS, WEB_USER, APP_USER, APP_ANONYMOUS, CRM_CONTACT, DB_CUSTOMER }

    private static final int[] WEIGHTS = {25, 15, 20, 5, 20, 15};

    private final long seed;
    private final Random r;
    private final Rows identities;
    private final Rows truth;
    private long written, junkEmails, junkPhones;

    private BenchPopulation(long seed, Rows identities, Rows truth) {
        this.seed = seed;
        this.r = new Random(seed);
        this.identities = identities;
        this.truth = truth;
    }

    /** Creates {@code identities} and {@code truth} on {@code c} and fills them with n identities. */
    static Figures load(Connection c, Connection c2, long seed, long n, int chain) throws SQLException, IOException {
        try (var st = c.createStatement()) {
            st.execute(DDL);
            st.execute("CREATE TABLE truth (_connection bigint, _pipeline bigint, _identity_id text, _is_anonymous boolean, person bigint)");
        }
        Rows ids = new Rows(c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_IDENTITIES));
        Rows truth = new Rows(c2.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_TRUTH));
        BenchPopulation p = new BenchPopulation(seed, ids, truth);
        long person = 0;
        long chained = 0;
        // Chains of `chain`, chain/2 and chain/5 identities, if the size leaves room for the rest.
        for (int length : new int[]{chain, chain / 2, chain / 5}) {
            if (length >= 2 && chained + length <= n / 4) {
                p.chain(person++, length);
                chained += length / 2 * 2;
            }
        }
        while (p.written < n) {
            p.person(person++, n);
        }
        ids.end();
        truth.end();
        return new Figures(p.written, person, chained, p.junkEmails, p.junkPhones);
    }

    private void chain(long person, int length) throws IOException {
        for (int j = 0; j < length / 2; j++) {
            String user = "chain-" + Long.toHexString(mix((person << 40) + j));
            for (int pipeline = 0; pipeline < 2; pipeline++) {
                int link = j + pipeline - 1;
                String phone = link < 0 ? null : "+9" + person + "-" + link;
                row(person, APP, 20 + pipeline, user, false, null, null, phone, null, -1);
            }
        }
    }

    private void person(long p, long n) throws IOException {
        String email = email(p);
        String oldEmail = r.nextInt(20) == 0 ? "old." + email : null;
        long phonePerson = r.nextInt(33) == 0 && p > 0 ? p - 1 - r.nextInt((int) Math.min(p, 1000)) : p;
        String phone = "+1" + (2_000_000_000L + phonePerson);
        int count = identities();
        for (int slot = 0; slot < count && written < n; slot++) {
            Kind kind = kind();
            String e = oldEmail != null && r.nextBoolean() ? oldEmail : email;
            switch (kind) {
                case WEB_ANONYMOUS -> {
                    String left = r.nextInt(10) == 0 && p > 0 ? email(p - 1 - r.nextInt((int) Math.min(p, 1000))) : e; // shared device
                    row(p, WEBSITE, 10, id("w", p, slot), true, null, maybe(0.20, left), maybe(0.03, phone), null, slot);
                }
                case WEB_USER -> row(p, WEBSITE, 10, id("wu", p, slot), false, device(p, slot), maybe(0.9, e), maybe(0.3, phone), null, slot);
                case APP_USER -> row(p, APP, 20, id("au", p, slot), false, device(p, slot), maybe(0.7, e), maybe(0.6, phone), null, slot);
                case APP_ANONYMOUS -> row(p, APP, 20, id("a", p, slot), true, null, null, maybe(0.05, phone), null, slot);
                case CRM_CONTACT -> row(p, CRM, 30, id("crm", p, slot), false, null, maybe(0.95, e), maybe(0.7, phone),
                        r.nextDouble() < 0.85 ? 1_000_000 + p : null, slot);
                default -> row(p, DATABASE, 40, id("db", p, slot), false, null, maybe(0.6, e), maybe(0.2, phone),
                        r.nextDouble() < 0.95 ? 1_000_000 + p : null, slot);
            }
        }
    }

    private String email(long p) {
        return "u" + Long.toHexString(mix(p)) + "@" + DOMAINS[(int) (p % DOMAINS.length)];
    }

    /** 1 (35 %), 2 (30 %), 3 (18 %), 4 (10 %), 5 (5 %), 6–8 (2 %). */
    private int identities() {
        int x = r.nextInt(100);
        return x < 35 ? 1 : x < 65 ? 2 : x < 83 ? 3 : x < 93 ? 4 : x < 98 ? 5 : 6 + r.nextInt(3);
    }

    private Kind kind() {
        int x = r.nextInt(100);
        for (int k = 0; k < WEIGHTS.length; k++) {
            x -= WEIGHTS[k];
            if (x < 0) {
                return Kind.values()[k];
            }
        }
        return Kind.DB_CUSTOMER;
    }

    private String maybe(double p, String value) {
        return r.nextDouble() < p ? value : null;
    }

    private String device(long p, int slot) {
        return r.nextInt(10) < 3 ? "{d" + Long.toHexString(mix(p * 64 + slot + 7_000_000_000L)) + "}" : "{}";
    }

    private String id(String kind, long p, int slot) {
        return kind + "-" + Long.toHexString(mix(p * 64 + slot));
    }

    /** A bijection of longs (splitmix64's finalizer), keyed by the seed: unique, random-looking ids. */
    private long mix(long x) {
        long z = x + seed * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void row(long person, long connection, long pipeline, String id, boolean anonymous, String anonymousIds,
                     String email, String phone, Long customer, int slot) throws IOException {
        if (email != null && slot >= 0) { // chains (slot -1) stay whole
            int x = r.nextInt(1000);
            email = x < 5 ? JUNK_EMAIL : x < 8 ? "" : email;
            junkEmails += x < 5 ? 1 : 0;
        }
        if (phone != null && slot >= 0 && r.nextInt(1000) < 3) {
            phone = JUNK_PHONE;
            junkPhones++;
        }
        StringBuilder sb = new StringBuilder(200);
        sb.append(connection).append('\t').append(pipeline).append('\t').append(id).append('\t').append(anonymous ? 't' : 'f')
                .append('\t').append(anonymousIds == null ? "{}" : anonymousIds).append('\t')
                .append(Instant.ofEpochSecond(FROM + r.nextInt(SPAN))).append('\t');
        field(sb, email).append('\t');
        field(sb, phone).append('\t');
        field(sb, customer == null ? null : customer.toString()).append('\t');
        field(sb, r.nextInt(10) < 7 ? FIRST[(int) ((person + Math.max(slot, 0) / 3) % FIRST.length)] : null).append('\t');
        field(sb, r.nextInt(10) < 6 ? LAST[(int) (person % LAST.length)] : null).append('\t');
        field(sb, r.nextInt(10) < 4 ? CITIES[r.nextInt(CITIES.length)] : null).append('\t');
        field(sb, connection >= CRM ? Integer.toString(r.nextInt(40)) : null).append('\t');
        field(sb, connection <= APP && r.nextBoolean() ? tags() : null).append('\n');
        identities.add(sb);
        sb.setLength(0);
        sb.append(connection).append('\t').append(pipeline).append('\t').append(id).append('\t').append(anonymous ? 't' : 'f')
                .append('\t').append(person).append('\n');
        truth.add(sb);
        written++;
    }

    private String tags() {
        int k = 1 + r.nextInt(3);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < k; i++) {
            sb.append(i == 0 ? "" : ",").append(TAGS[r.nextInt(TAGS.length)]);
        }
        return sb.append('}').toString();
    }

    private static StringBuilder field(StringBuilder sb, String value) {
        return sb.append(value == null ? "\\N" : value);
    }

    /** COPY text rows, sent in blocks of about 1 MB. */
    private static final class Rows {
        private final CopyIn copy;
        private final StringBuilder block = new StringBuilder(1 << 20);

        Rows(CopyIn copy) {
            this.copy = copy;
        }

        void add(CharSequence row) throws IOException {
            block.append(row);
            if (block.length() >= 1 << 20) {
                flush();
            }
        }

        private void flush() throws IOException {
            byte[] bytes = block.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IOException(e);
            }
            block.setLength(0);
        }

        void end() throws IOException {
            flush();
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }
}
