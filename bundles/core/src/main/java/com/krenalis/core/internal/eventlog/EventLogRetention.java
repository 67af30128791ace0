package com.krenalis.core.internal.eventlog;

import static java.util.Objects.requireNonNull;

import com.krenalis.core.internal.loader.WarehouseLoader;
import com.krenalis.core.internal.store.MetadataDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the event log from growing without end: a past day's partition is dropped (not deleted row by row) once every
 * consumer has read every event in it, and messageIds older than the dedup window are forgotten.
 */
@Component(immediate = true)
@Designate(ocd = EventLogRetentionConfig.class)
public final class EventLogRetention {
    /** Every consumer of the log: a partition goes only when all of them are past it. Add new consumers here. */
    static final List<String> CONSUMERS = List.of(WarehouseLoader.CONSUMER);
    private static final Logger LOG = LoggerFactory.getLogger(EventLogRetention.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private final MetadataDatabase db;
    private final int dedupWindowDays;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "krenalis-event-log-retention");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public EventLogRetention(@Reference MetadataDatabase db, EventLogRetentionConfig config) {
        this.db = requireNonNull(db);
        this.dedupWindowDays = Math.max(1, config.dedupWindowDays());
        long every = Math.max(1, config.intervalMinutes());
        timer.scheduleWithFixedDelay(this::runQuietly, 1, every, TimeUnit.MINUTES);
    }

    private void runQuietly() {
        try {
            run(LocalDate.now(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            LOG.warn("Event log retention failed (retried at the next pass): {}", e.getMessage());
        }
    }

    /** One pass; returns the partitions dropped. */
    public List<String> run(LocalDate today) {
        List<String> dropped = new ArrayList<>();
        for (String partition : db.transaction(EventLogRetention::pastPartitions)) {
            if (partition.compareTo("event_log_" + today.format(SUFFIX)) >= 0) {
                continue;
            }
            boolean done = db.transaction(c -> {
                if (!consumed(c, partition)) {
                    return false;
                }
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE " + partition); // a name of our own making, checked by pastPartitions
                }
                return true;
            });
            if (done) {
                dropped.add(partition);
                LOG.info("Dropped {}: every consumer has read it", partition);
            }
        }
        int forgotten = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM event_message_keys WHERE received_at < now() - make_interval(days => ?)")) {
                ps.setInt(1, dedupWindowDays);
                return ps.executeUpdate();
            }
        });
        if (forgotten > 0) {
            LOG.info("Forgot {} messageIds older than {} days", forgotten, dedupWindowDays);
        }
        return dropped;
    }

    private static List<String> pastPartitions(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT child.relname FROM pg_inherits i "
                + "JOIN pg_class parent ON parent.oid = i.inhparent JOIN pg_class child ON child.oid = i.inhrelid "
                + "WHERE parent.relname = 'event_log' ORDER BY child.relname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.matches("event_log_[0-9]{8}")) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** Whether every event of the partition is behind every consumer's cursor (deleted workspaces do not count). */
    private static boolean consumed(Connection c, String partition) throws SQLException {
        for (String consumer : CONSUMERS) {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + partition + " p "
                    + "JOIN workspaces w ON w.id = p.workspace_id "
                    + "LEFT JOIN event_log_cursors k ON k.workspace_id = p.workspace_id AND k.consumer = ? "
                    + "WHERE k.seq IS NULL OR p.seq > k.seq)")) {
                ps.setString(1, consumer);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }
}
