package com.krenalis.core.internal.eventlog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Daily partitions of the event log, created ahead of need (today and the next two days, UTC). */
final class EventLogPartitions {
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private EventLogPartitions() {
    }

    /** Creates the partitions for the days from {@code day} to {@code day + 2} that do not exist yet. */
    static void ensure(Connection c, LocalDate day) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                LocalDate d = day.plusDays(i);
                st.execute("CREATE TABLE IF NOT EXISTS event_log_" + d.format(SUFFIX) + " PARTITION OF event_log FOR VALUES FROM ('"
                        + d.atStartOfDay(ZoneOffset.UTC).toInstant() + "') TO ('"
                        + d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() + "')");
            }
        }
    }
}
