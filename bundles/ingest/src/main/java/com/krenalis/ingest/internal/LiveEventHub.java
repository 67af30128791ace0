package com.krenalis.ingest.internal;

import com.krenalis.api.platform.LiveEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans the collector's accepted events out to the live-stream subscribers of their source. */
@Component(service = {LiveEvents.class, LiveEventHub.class})
public final class LiveEventHub implements LiveEvents {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEventHub.class);
    private static final int MAX_SUBSCRIBERS_PER_SOURCE = 20;

    private final Map<Long, List<Consumer<byte[]>>> bySource = new ConcurrentHashMap<>();

    @Override
    public Subscription subscribe(long workspaceId, long connectionId, Consumer<byte[]> listener) {
        List<Consumer<byte[]>> list = bySource.computeIfAbsent(connectionId, k -> new CopyOnWriteArrayList<>());
        if (list.size() >= MAX_SUBSCRIBERS_PER_SOURCE) {
            throw new com.krenalis.api.platform.ConflictException("this source has " + MAX_SUBSCRIBERS_PER_SOURCE
                    + " live streams open already");
        }
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** Whether anyone listens to the source: the collector skips the fan-out otherwise. */
    boolean hasSubscribers(long connectionId) {
        List<Consumer<byte[]>> list = bySource.get(connectionId);
        return list != null && !list.isEmpty();
    }

    void publish(long connectionId, List<byte[]> events) {
        List<Consumer<byte[]>> list = bySource.get(connectionId);
        if (list == null) {
            return;
        }
        for (Consumer<byte[]> listener : list) {
            for (byte[] event : events) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.debug("A live-stream subscriber failed: {}", e.toString());
                }
            }
        }
    }
}
