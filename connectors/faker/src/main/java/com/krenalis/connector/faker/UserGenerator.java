package com.krenalis.connector.faker;

import com.krenalis.api.connector.SourceRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the users of the data set named by a seed. User n is a pure function of (seed, n): it does not depend on
 * the users generated before it, so a read can start anywhere and two reads with the same seed agree.
 */
final class UserGenerator {
    private static final List<String> FIRST_NAMES = List.of(
            "Ada", "Alan", "Amara", "Ana", "Bruno", "Chen", "Chiara", "Dmitri", "Elena", "Emeka", "Fatima", "Freya",
            "Grace", "Hiro", "Ines", "Ivan", "Jonas", "Kavya", "Leila", "Liam", "Lucia", "Marco", "Maya", "Mei",
            "Nadia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Sofia", "Tariq", "Yara", "Yusuf", "Zoe", "Zheng");
    private static final List<String> LAST_NAMES = List.of(
            "Adeyemi", "Bianchi", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen",
            "Kim", "Kowalski", "Larsen", "Mendes", "Moreau", "Nakamura", "Novak", "Okafor", "Petrov", "Quinn",
            "Rossi", "Santos", "Schmidt", "Silva", "Tanaka", "Usman", "Varga", "Wang", "Weber", "Yilmaz");
    private static final List<String> COUNTRIES = List.of(
            "AR", "AU", "BR", "CA", "CN", "DE", "EG", "ES", "FR", "GB", "IE", "IN", "IT", "JP", "KE", "MX", "NG",
            "NL", "PL", "SE", "TR", "US", "ZA");
    /** Reserved for examples (RFC 2606): generated addresses can never reach a real person. */
    private static final List<String> DOMAINS = List.of("example.com", "example.net", "example.org");
    private static final LocalDate OLDEST_BIRTH_DATE = LocalDate.of(1950, 1, 1);
    private static final int BIRTH_DATE_SPAN_DAYS = 57 * 365;
    /** A user was created up to three years before its last update. */
    private static final long MAX_AGE_SECONDS = 3L * 365 * 24 * 3600;

    private final long seed;
    private final UserTimeline timeline;

    UserGenerator(long seed) {
        this.seed = seed;
        this.timeline = new UserTimeline(seed);
    }

    UserTimeline timeline() {
        return timeline;
    }

    /** User n (n ≥ 1), with the properties {@link FakerConnector#SCHEMA} describes. */
    SourceRecord user(long n) {
        // Keyed differently from the draw that places the user on the time line.
        Draws draws = new Draws(UserTimeline.mix(~seed, n));
        String id = "user-" + n;
        String firstName = pick(draws, FIRST_NAMES);
        String lastName = pick(draws, LAST_NAMES);
        String email = (firstName + "." + lastName + "." + n).toLowerCase(Locale.ROOT) + "@" + pick(draws, DOMAINS);
        Instant updatedAt = timeline.updatedAt(n);
        Instant createdAt = updatedAt.minusSeconds(draws.next(MAX_AGE_SECONDS));

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", id);
        properties.put("email", email);
        properties.put("first_name", firstName);
        properties.put("last_name", lastName);
        properties.put("country", pick(draws, COUNTRIES));
        properties.put("birth_date", OLDEST_BIRTH_DATE.plusDays(draws.next(BIRTH_DATE_SPAN_DAYS)));
        properties.put("created_at", createdAt);
        properties.put("updated_at", updatedAt);
        return new SourceRecord(id, updatedAt, Collections.unmodifiableMap(properties));
    }

    private static String pick(Draws draws, List<String> values) {
        return values.get((int) draws.next(values.size()));
    }

    /**
     * Pseudo-random draws for one user. Our own function rather than java.util.Random or SplittableRandom, whose
     * algorithms a JDK may change: the same seed must give the same users on every Java version.
     */
    private static final class Draws {
        private final long key;
        private long drawn;

        Draws(long key) {
            this.key = key;
        }

        /** The next value in [0, bound). */
        long next(long bound) {
            return Math.floorMod(UserTimeline.mix(key, ++drawn), bound);
        }
    }
}
