package com.krenalis.ingest.internal.protocol;

/**
 * Bodies shaped like what the official SDKs send (shared/spec/tracking-protocol.md, "Observed on the wire"), with
 * their quirks: where the write key is, where context and traits are, which times are given.
 */
final class WireFixtures {
    private WireFixtures() {
    }

    /** Segment analytics-java 3.5.4, POST /v1/import/: writeKey only in the body, context only at batch level. */
    static final String ANALYTICS_JAVA = """
            {"batch": [
               {"type": "identify", "messageId": "aj-1", "timestamp": "2024-05-01T12:00:00.120Z",
                "userId": "user-1", "traits": {"email": "ada@example.com", "plan": "pro"}},
               {"type": "track", "messageId": "aj-2", "timestamp": "2024-05-01T12:00:01.450Z",
                "userId": "user-1", "event": "Order Completed",
                "properties": {"total": 12.50, "currency": "EUR"}, "integrations": {"All": true}}
             ],
             "sentAt": "2024-05-01T12:00:02.000Z", "writeKey": "wk_java", "sequence": 7,
             "context": {"library": {"name": "analytics-java", "version": "3.5.4"}}}
            """;

    /** Segment @segment/analytics-node 3.1, POST /v1/batch: {batch, writeKey, sentAt}, events with own context. */
    static final String ANALYTICS_NODE = """
            {"batch": [
               {"type": "track", "event": "Signed Up", "userId": "user-2", "properties": {"plan": "free"},
                "messageId": "node-next-1714564800000-a1b2", "timestamp": "2024-05-01T12:00:00.000Z",
                "context": {"library": {"name": "@segment/analytics-node", "version": "3.1.0"}},
                "integrations": {}, "_metadata": {"jsRuntime": "node"}}
             ],
             "writeKey": "wk_node", "sentAt": "2024-05-01T12:00:00.500Z"}
            """;

    /**
     * RudderStack @rudderstack/rudder-sdk-node 3.0, POST /v1/batch: {batch, timestamp, sentAt}, no writeKey (Basic
     * auth), events with originalTimestamp and no timestamp; identify traits in both traits and context.traits.
     */
    static final String RUDDER_NODE = """
            {"batch": [
               {"type": "identify", "userId": "user-3", "anonymousId": "anon-3", "messageId": "rn-1",
                "originalTimestamp": "2024-05-01T11:59:58.000Z", "traits": {"name": "Ada"},
                "context": {"traits": {"name": "Ada"}, "library": {"name": "analytics-node", "version": "3.0.0"}},
                "_metadata": {"nodeVersion": "20.11.0"}, "channel": "server"},
               {"type": "track", "userId": "user-3", "event": "Checked Out", "messageId": "rn-2",
                "originalTimestamp": "2024-05-01T11:59:59.000Z", "properties": {"items": 2},
                "context": {"library": {"name": "analytics-node", "version": "3.0.0"}}, "channel": "server"}
             ],
             "timestamp": "2024-05-01T12:00:00.000Z", "sentAt": "2024-05-01T12:00:00.000Z"}
            """;

    /** Segment @segment/analytics-next 1.84 (browser), POST /v1/t: one event, writeKey inside it, userId null. */
    static final String ANALYTICS_NEXT_TRACK = """
            {"timestamp": "2024-05-01T12:00:00.000Z", "integrations": {}, "type": "track",
             "properties": {"path": "/pricing"}, "event": "Pricing Viewed",
             "messageId": "ajs-next-1714564800000-6b1c", "anonymousId": "8c1e2e3a-0c3f-4f5e-9d7a-2c1b0a9f8e7d",
             "userId": null,
             "context": {"page": {"path": "/pricing", "url": "https://example.com/pricing", "title": "Pricing"},
                         "userAgent": "Mozilla/5.0", "locale": "en-US",
                         "library": {"name": "analytics.js", "version": "next-1.84.0"}},
             "writeKey": "wk_browser", "sentAt": "2024-05-01T12:00:00.020Z",
             "_metadata": {"bundled": ["Segment.io"], "unbundled": [], "bundledIds": []}}
            """;

    /** Segment analytics-next, POST /v1/b when batching: each event carries the writeKey. */
    static final String ANALYTICS_NEXT_BATCH = """
            {"batch": [
               {"type": "page", "anonymousId": "anon-9", "messageId": "b-1", "writeKey": "wk_browser",
                "timestamp": "2024-05-01T12:00:00.000Z", "properties": {"path": "/"}, "context": {}},
               {"type": "track", "anonymousId": "anon-9", "messageId": "b-2", "writeKey": "wk_browser",
                "event": "Clicked", "timestamp": "2024-05-01T12:00:01.000Z", "context": {}}
             ],
             "sentAt": "2024-05-01T12:00:02.000Z"}
            """;

    /**
     * RudderStack @rudderstack/analytics-js 3.34 (browser), POST /v1/identify: Basic auth, identify traits only in
     * context.traits, originalTimestamp and sentAt but no timestamp.
     */
    static final String RUDDER_JS_IDENTIFY = """
            {"channel": "web", "type": "identify", "messageId": "rjs-1", "userId": "user-4",
             "anonymousId": "anon-4", "originalTimestamp": "2024-05-01T12:00:00.000Z",
             "sentAt": "2024-05-01T12:00:03.000Z",
             "context": {"traits": {"email": "grace@example.com", "plan": "team"},
                         "library": {"name": "RudderLabs JavaScript SDK", "version": "3.34.0"},
                         "page": {"path": "/", "url": "https://example.com/"}, "locale": "en-GB"},
             "integrations": {"All": true}}
            """;

    /** RudderStack @rudderstack/analytics-js in batch mode, POST /v1/batch: {batch, sentAt}. */
    static final String RUDDER_JS_BATCH = """
            {"batch": [
               {"type": "track", "event": "Video Played", "messageId": "rjs-b-1", "anonymousId": "anon-5",
                "originalTimestamp": "2024-05-01T12:00:00.000Z", "properties": {"seconds": 3}, "context": {}},
               {"type": "page", "name": "Home", "messageId": "rjs-b-2", "anonymousId": "anon-5",
                "originalTimestamp": "2024-05-01T12:00:01.000Z", "properties": {}, "context": {}}
             ],
             "sentAt": "2024-05-01T12:00:05.000Z"}
            """;

    /** RudderStack Java 3.1.2, POST /v1/batch: {batch, sentAt, sequence, context}, no writeKey (Basic auth). */
    static final String RUDDER_JAVA = """
            {"batch": [
               {"type": "group", "messageId": "rj-1", "userId": "user-6", "groupId": 42,
                "traits": {"name": "Acme"}, "timestamp": "2024-05-01T12:00:00.000Z"},
               {"type": "alias", "messageId": "rj-2", "userId": "user-6", "previousId": "anon-6",
                "timestamp": "2024-05-01T12:00:00.500Z"}
             ],
             "sentAt": "2024-05-01T12:00:01.000Z", "sequence": 3,
             "context": {"library": {"name": "analytics-java", "version": "3.1.2"}}}
            """;
}
