package com.krenalis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fixture the suites share: values compare alike whatever a source typed them as, and the data holds its promises. */
class FixtureTest {

    @Test
    void aCellAndATypedValueNormalizeAlike() {
        assertEquals(Fixture.normalize(42L), Fixture.normalize("42"));
        assertEquals(Fixture.normalize(new BigDecimal("42.000")), Fixture.normalize(42));
        assertEquals(Fixture.normalize(-7.0), Fixture.normalize("-7"));
        assertEquals(Fixture.normalize(9_007_199_254_740_993L), Fixture.normalize("9007199254740993"), "beyond a double's precision");
        assertEquals(Fixture.normalize(true), Fixture.normalize("true"));
        assertEquals(Fixture.normalize(LocalDate.parse("1988-02-29")), Fixture.normalize("1988-02-29"));
        Instant t = Instant.parse("2026-03-01T10:00:00.123Z");
        assertEquals(Fixture.normalize(t), Fixture.normalize("2026-03-01T11:00:00.123+01:00"));
        assertEquals(Fixture.normalize(t), Fixture.normalize(OffsetDateTime.parse("2026-03-01T10:00:00.123Z")));
        assertEquals(Fixture.normalize(t), Fixture.normalize(LocalDateTime.parse("2026-03-01T10:00:00.123")), "no zone: UTC");
        assertEquals(Fixture.normalize(t), Fixture.normalize(java.util.Date.from(t)));
        assertNull(Fixture.normalize((Object) null));
    }

    @Test
    void textStaysTextAndDifferentValuesStayDifferent() {
        assertEquals("O'Brien, \"Bob\"", Fixture.normalize("O'Brien, \"Bob\""));
        assertEquals("Zoë", Fixture.normalize("Zoë"));
        assertEquals("u1", Fixture.normalize("u1"));
        assertNotEquals(Fixture.normalize("42"), Fixture.normalize("43"));
        assertNotEquals(Fixture.normalize(true), Fixture.normalize(false));
        assertEquals("2026-03-01", Fixture.normalize("2026-03-01"), "a date is not read as an instant");
        assertEquals("not-a-timeT00:00:00+01:00", Fixture.normalize("not-a-timeT00:00:00+01:00"));
    }

    @Test
    void theFixtureKeepsItsPromises() {
        List<Fixture.User> users = Fixture.users();
        assertEquals(5, users.size());
        Set<String> ids = new HashSet<>();
        Instant previous = Instant.MIN;
        for (Fixture.User u : users) {
            assertTrue(ids.add(u.id()), "ids are unique");
            assertTrue(u.updatedAt().isAfter(previous), "updated at increasing times");
            previous = u.updatedAt();
            assertEquals(Fixture.COLUMNS, List.copyOf(u.row().keySet()));
        }
        List<Fixture.User> updated = Fixture.updatedUsers();
        assertEquals(6, updated.size());
        for (Fixture.User u : updated) {
            Fixture.User before = users.stream().filter(x -> x.id().equals(u.id())).findFirst().orElse(null);
            boolean changed = before == null || !before.equals(u);
            assertEquals(Fixture.updatedIds().contains(u.id()), changed, u.id());
            if (changed && before != null) {
                assertTrue(u.updatedAt().isAfter(users.get(users.size() - 1).updatedAt()), "a change is newer than any cursor of users()");
            }
        }
        assertEquals(1, Fixture.withNullIdentity().stream().filter(u -> u.id() == null).count());
    }
}
