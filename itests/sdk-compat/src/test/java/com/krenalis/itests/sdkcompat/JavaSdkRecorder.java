package com.krenalis.itests.sdkcompat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Java SDK tells its caller, fed by the SDK's own hooks: the messageId of each message as it is built (a
 * message interceptor, called on the enqueuing thread, so the n-th id is the n-th test event), its delivery callbacks
 * and its log. Observes only: every hook returns the message unchanged.
 */
final class JavaSdkRecorder {
    private final List<String> built = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    void built(String messageId) {
        built.add(messageId);
    }

    void delivered(String messageId) {
        delivered.add(messageId);
    }

    void failed(String messageId, Throwable error) {
        failed.put(messageId, String.valueOf(error));
    }

    void log(String level, String message, Throwable error) {
        log.add(Instant.now() + " " + level + " " + message + (error == null ? "" : " " + error));
    }

    /** Waits until the SDK has reported success or failure for every message built, or the timeout passes. */
    void awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && unsettled() > 0) {
            Thread.sleep(50);
        }
    }

    SdkReport report(String sdk) {
        List<String> failures = new ArrayList<>();
        failed.forEach((id, error) -> failures.add("messageId " + id + ": " + error));
        long unsettled = unsettled();
        if (unsettled > 0) {
            failures.add(unsettled + " message(s) neither delivered nor given up within the wait");
        }
        List<String> ids = new ArrayList<>(built);
        ids.replaceAll(id -> delivered.contains(id) || failed.containsKey(id) ? id : null);
        List<String> diagnostics = new ArrayList<>(List.of("messageIds built, in order: " + built));
        diagnostics.addAll(log);
        return new SdkReport(sdk, ids, failures, diagnostics);
    }

    private long unsettled() {
        synchronized (built) {
            return built.stream().filter(id -> !delivered.contains(id) && !failed.containsKey(id)).count();
        }
    }
}
