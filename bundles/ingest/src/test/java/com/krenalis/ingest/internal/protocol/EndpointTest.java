package com.krenalis.ingest.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {
    @ParameterizedTest
    @ValueSource(strings = {"/v1/batch", "/v1/import", "/v1/import/", "/v1/b", "/beacon/v1/batch", "/v1/batch/"})
    void batchPaths(String path) {
        assertEquals(Optional.of(Endpoint.BATCH), Endpoint.forPath(path));
    }

    @Test
    void theProductsOwnBatchPathAlsoTakesOneEvent() {
        assertEquals(Optional.of(Endpoint.EVENTS), Endpoint.forPath("/v1/events"));
        assertEquals(Optional.of(Endpoint.EVENTS), Endpoint.forPath("/v1/events/"));
        assertTrue(((Endpoint.Batch) Endpoint.EVENTS).acceptsSingleEvent());
        assertFalse(((Endpoint.Batch) Endpoint.BATCH).acceptsSingleEvent());
    }

    @Test
    void singleEventPathsByNameLetterAndEventsPrefix() {
        Map<String, EventType> letters = Map.of("i", EventType.IDENTIFY, "t", EventType.TRACK, "p", EventType.PAGE,
                "s", EventType.SCREEN, "g", EventType.GROUP, "a", EventType.ALIAS);
        letters.forEach((letter, type) -> {
            Optional<Endpoint> expected = Optional.of(new Endpoint.Single(type));
            assertEquals(expected, Endpoint.forPath("/v1/" + letter), letter);
            assertEquals(expected, Endpoint.forPath("/v1/" + type.wireName()), type.wireName());
            assertEquals(expected, Endpoint.forPath("/v1/events/" + type.wireName()), type.wireName());
            assertEquals(expected, Endpoint.forPath("/v1/" + type.wireName() + "/"), type.wireName());
        });
    }

    @Test
    void pixelPaths() {
        assertEquals(Optional.of(new Endpoint.Pixel(EventType.TRACK)), Endpoint.forPath("/pixel/v1/track"));
        assertEquals(Optional.of(new Endpoint.Pixel(EventType.PAGE)), Endpoint.forPath("/pixel/v1/page"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/v1", "/v1/", "/v1/projects/wk/settings", "/sourceConfig", "/sourceConfig/",
            "/v1/events/settings/wk", "/v1/events/t", "/v1/x", "/V1/batch", "/v1/Track", "/v1/batch//",
            "/pixel/v1/identify", "/v2/batch", "v1/batch"})
    void otherPathsAreNotCollectorPaths(String path) {
        assertEquals(Optional.empty(), Endpoint.forPath(path));
    }

    @Test
    void noPathNoEndpoint() {
        assertEquals(Optional.empty(), Endpoint.forPath(null));
    }

    @Test
    void theTypeAPathImposes() {
        assertEquals(Optional.of(EventType.TRACK), Endpoint.forPath("/v1/t").orElseThrow().pathType());
        assertEquals(Optional.of(EventType.PAGE), Endpoint.forPath("/pixel/v1/page").orElseThrow().pathType());
        assertEquals(Optional.empty(), Endpoint.BATCH.pathType());
    }
}
