package com.krenalis.core.internal.extensions;

import com.krenalis.api.platform.Extension;
import com.krenalis.api.platform.Extension.ExtensionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered services of one extension type. Each service is obtained (which activates its DS component) on a
 * worker thread under a timeout: a component that throws or hangs while activating becomes a failed entry, and the
 * server goes on.
 */
final class ExtensionTracker<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionTracker.class);

    /** One registered service and what became of obtaining it. */
    final class Entry {
        final ComponentServiceObjects<T> objects;
        volatile T instance;
        volatile Descriptor descriptor;
        volatile String failure;
        volatile Future<?> activation;

        Entry(ComponentServiceObjects<T> objects) {
            this.objects = objects;
        }

        ServiceReference<T> reference() {
            return objects.getServiceReference();
        }

        /** The providing bundle, or null once the service is unregistered (it may go while the catalog lists). */
        Bundle bundle() {
            ServiceReference<T> r = reference();
            return r == null ? null : r.getBundle();
        }

        String componentName() {
            ServiceReference<T> r = reference();
            if (r == null) {
                return "an unregistered service";
            }
            Object name = r.getProperty("component.name");
            return name == null ? "service " + r.getProperty("service.id") : name.toString();
        }
    }

    private final ExtensionType type;
    private final Function<T, Descriptor> describe;
    private final Duration activationTimeout;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    ExtensionTracker(ExtensionType type, Function<T, Descriptor> describe, Duration activationTimeout,
                     ExecutorService executor, ScheduledExecutorService timer) {
        this.type = type;
        this.describe = describe;
        this.activationTimeout = activationTimeout;
        this.executor = executor;
        this.timer = timer;
    }

    void added(ComponentServiceObjects<T> objects) {
        Entry entry = new Entry(objects);
        Future<?> activation = executor.submit(() -> {
            try {
                Descriptor descriptor = activate(entry);
                entry.descriptor = descriptor;
                LOG.info("{} {} active (bundle {} {})", label(), descriptor.code(),
                        entry.bundle() == null ? "?" : entry.bundle().getSymbolicName(),
                        entry.bundle() == null ? "" : entry.bundle().getVersion());
            } catch (RuntimeException | LinkageError e) {
                if (entry.failure == null) {
                    entry.failure = e.getMessage() == null ? e.toString() : e.getMessage();
                    LOG.error("{} {} failed: {}", label(), entry.componentName(), entry.failure);
                }
            }
        });
        entry.activation = activation;
        entries.put(serviceId(objects), entry); // with its activation, which look-ups may wait for
        // A component that hangs in its constructor holds SCR's lock on itself, which stalls its bundle's stop and
        // update: interrupt it when its time is up (a sleep or a blocking call then ends; a busy loop cannot be helped).
        timer.schedule(() -> {
            if (!activation.isDone()) {
                entry.failure = "activation did not finish within " + activationTimeout.toSeconds() + " s";
                LOG.error("{} {} failed: {}", label(), entry.componentName(), entry.failure);
                activation.cancel(true);
            }
        }, activationTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Descriptor activate(Entry entry) {
        T instance = entry.objects.getService();
        if (instance == null) {
            throw new IllegalStateException("its component failed to activate");
        }
        entry.instance = instance;
        return describe.apply(instance);
    }

    void removed(ComponentServiceObjects<T> objects) {
        Entry entry = entries.remove(serviceId(objects));
        if (entry != null && entry.activation != null && !entry.activation.isDone()) {
            entry.activation.cancel(true); // still activating: let SCR's dispose take the component's lock
        }
        if (entry != null && entry.instance != null) {
            try {
                objects.ungetService(entry.instance);
            } catch (IllegalStateException | IllegalArgumentException alreadyGone) {
                // the providing bundle is stopping: nothing to release
            }
        }
    }

    /** The active extension with that code; the highest-ranked service wins when two bundles provide one code. */
    Optional<T> active(String code) {
        return entries.values().stream()
                .filter(e -> e.descriptor != null && e.descriptor.code().equals(code) && e.instance != null)
                .sorted((a, b) -> b.reference().compareTo(a.reference()))
                .map(e -> e.instance).findFirst();
    }

    /**
     * Waits, at most until the deadline ({@link System#nanoTime()}), for the activations still running (a connector
     * whose bundle has just started, its classes loading) to finish, however they end.
     */
    void awaitActivations(long deadlineNanos) {
        for (Entry e : entries.values()) {
            Future<?> activation = e.activation;
            long left = deadlineNanos - System.nanoTime();
            if (activation == null || activation.isDone() || left <= 0) {
                continue;
            }
            try {
                activation.get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | CancellationException ignored) {
                // reported by the entry itself
            }
        }
    }

    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    ExtensionType type() {
        return type;
    }

    private String label() {
        return switch (type) {
            case CONNECTOR -> "Connector";
            case WAREHOUSE_DRIVER -> "Warehouse driver";
            case TRANSFORMATION_ENGINE -> "Transformation engine";
        };
    }

    private static long serviceId(ComponentServiceObjects<?> objects) {
        return (Long) objects.getServiceReference().getProperty("service.id");
    }

    /** The entry as listed by the API. */
    Extension toExtension(Entry e, String scrFailure) {
        Bundle b = e.bundle();
        Descriptor d = e.descriptor;
        if (d != null) {
            return Bundles.extension(type, d.code(), d.name(), d.kinds(), b, Extension.ACTIVE, null);
        }
        String failure = e.failure == null ? null : scrFailure != null ? e.failure + ": " + scrFailure : e.failure;
        String state = failure == null ? "starting" : Extension.FAILED;
        return Bundles.extension(type, e.componentName(), e.componentName(), List.of(), b, state, failure);
    }
}
