package com.krenalis.core.internal.extensions;

import com.krenalis.api.platform.Extension;
import com.krenalis.api.platform.Extension.ExtensionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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

        Entry(ComponentServiceObjects<T> objects) {
            this.objects = objects;
        }

        ServiceReference<T> reference() {
            return objects.getServiceReference();
        }

        Bundle bundle() {
            return reference().getBundle();
        }

        String componentName() {
            Object name = reference().getProperty("component.name");
            return name == null ? "service " + reference().getProperty("service.id") : name.toString();
        }
    }

    private final ExtensionType type;
    private final Function<T, Descriptor> describe;
    private final Duration activationTimeout;
    private final Executor executor;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    ExtensionTracker(ExtensionType type, Function<T, Descriptor> describe, Duration activationTimeout, Executor executor) {
        this.type = type;
        this.describe = describe;
        this.activationTimeout = activationTimeout;
        this.executor = executor;
    }

    void added(ComponentServiceObjects<T> objects) {
        Entry entry = new Entry(objects);
        entries.put(serviceId(objects), entry);
        CompletableFuture.supplyAsync(() -> activate(entry), executor)
                .orTimeout(activationTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((descriptor, error) -> {
                    if (error == null) {
                        entry.descriptor = descriptor;
                        LOG.info("{} {} active (bundle {} {})", label(), descriptor.code(),
                                entry.bundle() == null ? "?" : entry.bundle().getSymbolicName(),
                                entry.bundle() == null ? "" : entry.bundle().getVersion());
                    } else {
                        Throwable cause = error.getCause() != null && !(error instanceof TimeoutException) ? error.getCause() : error;
                        entry.failure = cause instanceof TimeoutException
                                ? "activation did not finish within " + activationTimeout.toSeconds() + " s"
                                : cause.getMessage() == null ? cause.toString() : cause.getMessage();
                        LOG.error("{} {} failed: {}", label(), entry.componentName(), entry.failure);
                    }
                });
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
