package com.krenalis.connector.faker;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * A source of synthetic users, the same ones for the same seed: user n has id {@code user-<n>} and properties that
 * are functions of (seed, n) alone.
 *
 * <p>Incremental reads: users are ordered by {@code updated_at}, which strictly increases with n (see
 * {@link UserTimeline}). The cursor is the {@code updated_at} of the last user delivered, as an ISO-8601 instant; an
 * incremental read delivers the users updated strictly after it. With the same settings it delivers nothing; after
 * {@code count} is raised it delivers exactly the new users. Changing the seed replaces every user, so run a full read
 * after changing it.
 *
 * <p>Delayed (the DS default for a service): the server creates it on first use, under its own timeout.
 */
@Component(service = Connector.class)
public final class FakerConnector implements Connector, RecordSource {
    static final String COUNT = "count";
    static final String SEED = "seed";
    static final long MAX_COUNT = 10_000_000;

    static final ObjectType SCHEMA = Type.object(List.of(
            new Property("id", Type.string(16), false, "user-<n>, for n from 1 to count"),
            new Property("email", Type.string(254), false, "An address at a domain reserved for examples"),
            new Property("first_name", Type.string(64), false, ""),
            new Property("last_name", Type.string(64), false, ""),
            new Property("country", Type.string(2), false, "ISO 3166-1 alpha-2 code"),
            new Property("birth_date", Type.date(), false, ""),
            new Property("created_at", Type.datetime(), false, ""),
            new Property("updated_at", Type.datetime(), false, "Strictly increases with n; the incremental cursor")));

    private static final ConnectorSpec SPEC = new ConnectorSpec("faker", "Faker", Set.of(ConnectorKind.APPLICATION),
            "Generates synthetic users, the same ones for the same seed, for demos and tests.",
            SettingsSpec.of(
                    SettingField.integer(COUNT, "Number of users").range(1, MAX_COUNT).withDefault(1000)
                            .describedAs("How many users the source holds."),
                    SettingField.integer(SEED, "Seed").withDefault(42)
                            .describedAs("The same seed always gives the same users.")));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    /** Nothing to connect to: settings that passed validation always work. */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        return CheckResult.ok("will generate " + settings.requireInteger(COUNT) + " users from seed "
                + settings.requireInteger(SEED));
    }

    @Override
    public ObjectType discover(Settings settings) {
        return SCHEMA;
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    /**
     * Streams users in order of {@code updated_at}, one at a time (memory does not grow with {@code count}), and stops
     * at the next user once the sink is cancelled. The result's cursor is the {@code updated_at} of the last user
     * delivered, or the request's cursor when none was; its total is the number of users the read covers (all of
     * them for a full read, those updated after the cursor for an incremental one).
     */
    @Override
    public ReadResult read(ReadRequest request, RecordSink sink) throws ConnectorException {
        long count = request.settings().requireInteger(COUNT);
        UserGenerator users = new UserGenerator(request.settings().requireInteger(SEED));
        long first = request.incremental() ? users.timeline().firstUpdatedAfter(parseCursor(request.cursor()), count) : 1;
        String cursor = request.cursor();
        sink.total(count - first + 1);
        for (long n = first; n <= count && !sink.cancelled(); n++) {
            SourceRecord user = users.user(n);
            sink.accept(user);
            cursor = user.updatedAt().toString();
        }
        return new ReadResult(cursor, count - first + 1);
    }

    private static Instant parseCursor(String cursor) throws ConnectorException {
        try {
            return Instant.parse(cursor);
        } catch (DateTimeParseException e) {
            throw new ConnectorException("invalid cursor '" + cursor
                    + "': expected the ISO-8601 instant a previous read returned, such as 2024-01-01T00:00:00Z");
        }
    }
}
