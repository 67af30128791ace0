package com.krenalis.core.internal.loader;

import static com.krenalis.core.internal.loader.LoaderFixture.await;
import static com.krenalis.core.internal.loader.LoaderFixture.event;
import static com.krenalis.core.internal.loader.LoaderFixture.track;
import static com.krenalis.core.internal.loader.LoaderFixture.tracks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.platform.Workspace;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.testing.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workspace's {@code events} table as the loader makes and fills it, in a real PostgreSQL warehouse. */
class EventsTableIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FULL = """
            {"type":"page","event":"Order Completed","name":"Cart","category":"Shop","userId":"u-1","anonymousId":"a-1",
             "groupId":"g-1","previousId":"p-1","properties":{"total":12.5,"items":[{"sku":"x"}],"note":"quote \\" é"},
             "traits":{"email":"ada@example.com","plan":null},
             "context":{"ip":"203.0.113.7","library":{"name":"analytics.js","version":"3.1.0"},
              "page":{"path":"/cart","referrer":"https://ref.example/","search":"?q=1","title":"Cart","url":"https://shop.example/cart?q=1"},
              "userAgent":"Mozilla/5.0 (iPhone)","locale":"it-IT","os":{"name":"iOS","version":"17.1"},
              "device":{"id":"d-1","manufacturer":"Apple","model":"iPhone15,2","name":"Ada's iPhone","type":"ios"},
              "campaign":{"name":"spring","source":"newsletter","medium":"email","term":"shoes","content":"banner"},
              "timezone":"Europe/Rome"},
             "timestamp":"2026-11-23T10:15:30.120Z","originalTimestamp":"2026-11-23T11:15:29.000+01:00",
             "sentAt":"2026-11-23T10:15:30.000Z","receivedAt":"2026-11-23T10:15:31.456Z","messageId":"full-1"}""";

    private LoaderFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new LoaderFixture();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void everyColumnIsMappedFromTheEvent() throws Exception {
        Workspace ws = f.workspace("Full");
        f.startLoader(10_000);
        f.append(ws.id(), 77, List.of(event("full-1", FULL)));
        await("the event in the warehouse", 10_000, f.rowsAre(ws, 1));

        Map<String, Object> expected = new HashMap<>();
        expected.put("message_id", "full-1");
        expected.put("connection_id", 77L);
        expected.put("type", "page");
        expected.put("event", "Order Completed");
        expected.put("name", "Cart");
        expected.put("category", "Shop");
        expected.put("anonymous_id", "a-1");
        expected.put("user_id", "u-1");
        expected.put("group_id", "g-1");
        expected.put("previous_id", "p-1");
        expected.put("timestamp", Instant.parse("2026-11-23T10:15:30.120Z"));
        expected.put("original_timestamp", Instant.parse("2026-11-23T10:15:29Z"));
        expected.put("sent_at", Instant.parse("2026-11-23T10:15:30Z"));
        expected.put("received_at", Instant.parse("2026-11-23T10:15:31.456Z"));
        expected.put("properties", JSON.readTree(FULL).get("properties"));
        expected.put("traits", JSON.readTree(FULL).get("traits"));
        expected.put("context", JSON.readTree(FULL).get("context"));
        expected.put("context_ip", "203.0.113.7");
        expected.put("context_library_name", "analytics.js");
        expected.put("context_library_version", "3.1.0");
        expected.put("context_page_path", "/cart");
        expected.put("context_page_referrer", "https://ref.example/");
        expected.put("context_page_search", "?q=1");
        expected.put("context_page_title", "Cart");
        expected.put("context_page_url", "https://shop.example/cart?q=1");
        expected.put("context_user_agent", "Mozilla/5.0 (iPhone)");
        expected.put("context_locale", "it-IT");
        expected.put("context_os_name", "iOS");
        expected.put("context_os_version", "17.1");
        expected.put("context_device_id", "d-1");
        expected.put("context_device_manufacturer", "Apple");
        expected.put("context_device_model", "iPhone15,2");
        expected.put("context_device_name", "Ada's iPhone");
        expected.put("context_device_type", "ios");
        expected.put("context_campaign_name", "spring");
        expected.put("context_campaign_source", "newsletter");
        expected.put("context_campaign_medium", "email");
        expected.put("context_campaign_term", "shoes");
        expected.put("context_campaign_content", "banner");
        expected.put("kpid", null);

        try (Connection c = TestPostgres.connect(f.core.warehouseUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM \"" + ws.namespace() + "\".events")) {
            rs.next();
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnName(i);
                columns.add(name);
                assertTrue(expected.containsKey(name), "column " + name + " is checked");
                Object want = expected.get(name);
                Object got = switch (md.getColumnTypeName(i)) {
                    case "timestamptz" -> rs.getObject(i) == null ? null : rs.getObject(i, OffsetDateTime.class).toInstant();
                    case "jsonb" -> rs.getString(i) == null ? null : JSON.readTree(rs.getString(i));
                    default -> rs.getObject(i);
                };
                assertEquals(want, got, name);
            }
            assertEquals(expected.keySet().stream().sorted().toList(), columns.stream().sorted().toList());
        }
    }

    @Test
    void theEventsTableIsCreatedOnce() throws Exception {
        Workspace ws = f.workspace("Once");
        List<List<String>> applied = new CopyOnWriteArrayList<>();
        Map<Warehouse, Warehouse> recording = new ConcurrentHashMap<>(); // one wrapper per pool, as the loader expects
        WarehouseLookup counting = id -> f.core.workspaces.warehouse(id)
                .map(w -> recording.computeIfAbsent(w, open -> recordingApply(open, applied)));
        f.startLoader(10, counting);
        for (int burst = 0; burst < 3; burst++) {
            f.append(ws.id(), 1, tracks("burst" + burst + "-", 35));
            await("burst " + burst, 10_000, f.rowsAre(ws, 35L * (burst + 1)));
        }
        assertEquals(1, applied.size(), "one apply for 11 batches: " + applied);
        assertEquals(1, applied.get(0).size());
        assertTrue(applied.get(0).get(0).startsWith("CREATE TABLE"), applied.toString());

        f.startLoader(10, counting); // a restart checks again, and finds nothing to do
        f.append(ws.id(), 1, List.of(track("after-restart")));
        await("after the restart", 10_000, f.rowsAre(ws, 106));
        assertEquals(2, applied.size());
        assertEquals(List.of(), applied.get(1));
        assertNull(loaderFailure(ws.id()));
    }

    @Test
    void aDroppedEventsTableIsCreatedAgain() throws Exception {
        Workspace ws = f.workspace("Dropped");
        f.startLoader(10_000);
        f.append(ws.id(), 1, tracks("before-", 3));
        await("the first events", 10_000, f.rowsAre(ws, 3));
        try (Connection c = TestPostgres.connect(f.core.warehouseUrl); Statement st = c.createStatement()) {
            st.execute("DROP TABLE \"" + ws.namespace() + "\".events");
        }
        f.append(ws.id(), 1, tracks("after-", 2));
        await("the table again, with the new events", 10_000, f.rowsAre(ws, 2));
    }

    private String loaderFailure(long workspaceId) throws Exception {
        try (Connection c = TestPostgres.connect(f.core.metadataUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT last_error FROM event_log_cursors WHERE workspace_id = " + workspaceId)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    /** The warehouse, recording what each {@code apply} ran. */
    @SuppressWarnings("unchecked")
    private static Warehouse recordingApply(Warehouse w, List<List<String>> applied) {
        return (Warehouse) Proxy.newProxyInstance(Warehouse.class.getClassLoader(), new Class<?>[] {Warehouse.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(w, args);
                        if (method.getName().equals("apply")) {
                            applied.add(List.copyOf((List<String>) result));
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
