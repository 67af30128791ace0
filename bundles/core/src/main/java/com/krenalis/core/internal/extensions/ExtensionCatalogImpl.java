package com.krenalis.core.internal.extensions;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.platform.Extension.ExtensionType;
import com.krenalis.api.platform.Extension;
import com.krenalis.api.platform.ExtensionCatalog;
import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.warehouse.WarehouseDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog of installed extensions, kept current by DS as bundles come and go. Listing merges three sources:
 * registered services (active, starting, or failed on activation), components that SCR reports as failed or
 * unsatisfied without a registered service, and bundles that declare an extension service but do not resolve.
 */
@Component(service = ExtensionCatalog.class)
@Designate(ocd = ExtensionCatalogConfig.class)
public final class ExtensionCatalogImpl implements ExtensionCatalog {
    /** Framework property the launcher sets when it starts connectors and engines after start-up. */
    static final String DEFERRED_PROPERTY = "krenalis.extensions.deferred";
    /** The condition the launcher registers once it has started them. */
    static final String EXTENSIONS_CONDITION = "krenalis.extensions";
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionCatalogImpl.class);
    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ExecutorService activator = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "krenalis-extension-activation");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "krenalis-extension-activation-timer");
        t.setDaemon(true);
        return t;
    });
    private final ExtensionTracker<Connector> connectors;
    private final ExtensionTracker<WarehouseDriver> drivers;
    private final ExtensionTracker<TransformationEngine> engines;
    private final long graceMillis;
    /** Counted down once the launcher has started the connectors and engines, which it does after start-up. */
    private final CountDownLatch extensionsStarted = new CountDownLatch(1);
    private final long startWaitNanos;

    @Activate
    public ExtensionCatalogImpl(BundleContext context, @Reference ServiceComponentRuntime scr, ExtensionCatalogConfig config) {
        this.context = requireNonNull(context);
        this.scr = requireNonNull(scr);
        Duration timeout = Duration.ofSeconds(Math.max(1, config.activationTimeoutSeconds()));
        this.graceMillis = Math.max(0, config.transitionGraceSeconds()) * 1000L;
        this.startWaitNanos = TimeUnit.SECONDS.toNanos(Math.max(0, config.extensionStartWaitSeconds()));
        if (!"true".equals(context.getProperty(DEFERRED_PROPERTY))) {
            extensionsStarted.countDown(); // not started by the launcher: nothing to wait for
        }
        this.connectors = new ExtensionTracker<>(ExtensionType.CONNECTOR, c -> new Descriptor(c.spec().code(), c.spec().name(),
                c.spec().kinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().toList()), timeout, activator, timer);
        this.drivers = new ExtensionTracker<>(ExtensionType.WAREHOUSE_DRIVER,
                d -> new Descriptor(d.code(), d.name(), List.of()), timeout, activator, timer);
        this.engines = new ExtensionTracker<>(ExtensionType.TRANSFORMATION_ENGINE,
                e -> new Descriptor(e.language(), e.name(), List.of()), timeout, activator, timer);
    }

    /** The launcher's signal that the connectors and engines have been started. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Condition.CONDITION_ID + "=" + EXTENSIONS_CONDITION + ")")
    void setExtensionsStarted(Condition started) {
        extensionsStarted.countDown();
    }

    void unsetExtensionsStarted(Condition started) {
        // once started, always started: later bundles come and go through the trackers
    }

    /**
     * Holds a look-up that found nothing while the launcher is still starting the connectors and engines (it starts
     * them after the server is ready, so the health check does not wait for 200 MB of jars), and while the
     * activations of services just registered run, at most {@code extensionStartWaitSeconds}. Warehouse drivers
     * start with the core and are never waited for.
     */
    private void awaitStartUp(ExtensionTracker<?> tracker) {
        long deadline = System.nanoTime() + startWaitNanos;
        if (extensionsStarted.getCount() > 0) {
            try {
                if (!extensionsStarted.await(startWaitNanos, TimeUnit.NANOSECONDS)) {
                    LOG.warn("The connectors and engines were not started within {} s; answering without them",
                            TimeUnit.NANOSECONDS.toSeconds(startWaitNanos));
                    extensionsStarted.countDown(); // do not hold every later look-up as well
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        tracker.awaitActivations(deadline);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConnector(ComponentServiceObjects<Connector> c) {
        connectors.added(c);
    }

    void removeConnector(ComponentServiceObjects<Connector> c) {
        connectors.removed(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(ComponentServiceObjects<WarehouseDriver> d) {
        drivers.added(d);
    }

    void removeDriver(ComponentServiceObjects<WarehouseDriver> d) {
        drivers.removed(d);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEngine(ComponentServiceObjects<TransformationEngine> e) {
        engines.added(e);
    }

    void removeEngine(ComponentServiceObjects<TransformationEngine> e) {
        engines.removed(e);
    }

    @Override
    public List<Extension> list(ExtensionType type) {
        if (type != ExtensionType.WAREHOUSE_DRIVER) {
            awaitStartUp(type == ExtensionType.CONNECTOR ? connectors : engines);
        }
        return switch (type) {
            case CONNECTOR -> list(connectors, Connector.class.getName());
            case WAREHOUSE_DRIVER -> list(drivers, WarehouseDriver.class.getName());
            case TRANSFORMATION_ENGINE -> list(engines, TransformationEngine.class.getName());
        };
    }

    private <T> List<Extension> list(ExtensionTracker<T> tracker, String serviceType) {
        List<Extension> out = new ArrayList<>();
        Set<String> seenComponents = new HashSet<>();
        Set<Long> bundlesWithServices = new HashSet<>();
        for (ExtensionTracker<T>.Entry e : tracker.entries()) {
            Bundle b = e.bundle();
            if (b == null) {
                continue; // unregistered while listing
            }
            seenComponents.add(b.getBundleId() + "/" + e.componentName());
            bundlesWithServices.add(b.getBundleId());
            out.add(tracker.toExtension(e, e.failure == null ? null : scrFailure(b, e.componentName())));
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!List.of(d.serviceInterfaces).contains(serviceType) || seenComponents.contains(d.bundle.id + "/" + d.name)) {
                continue;
            }
            Bundle b = context.getBundle(d.bundle.id);
            String failure = describeProblem(d);
            if (b != null && failure != null && !inTransition(b)) {
                bundlesWithServices.add(b.getBundleId());
                out.add(Bundles.extension(tracker.type(), d.name, d.name, List.of(), b, Extension.FAILED, failure));
            }
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        for (Bundle b : context.getBundles()) {
            if (bundlesWithServices.contains(b.getBundleId()) || !Bundles.declaresService(b, serviceType) || inTransition(b)) {
                continue;
            }
            String failure = switch (b.getState()) {
                case Bundle.INSTALLED -> Bundles.unresolvedReason(b, wiring);
                case Bundle.RESOLVED -> "the bundle is resolved but not started (its start failed or it was stopped)";
                case Bundle.STARTING -> "the bundle is still starting (its activation may hang)";
                default -> null;
            };
            if (failure != null) {
                out.add(Bundles.extension(tracker.type(), b.getSymbolicName(), b.getSymbolicName(), List.of(), b,
                        Extension.FAILED, failure));
            }
        }
        out.sort(Comparator.comparing(Extension::code).thenComparing(x -> x.bundle() == null ? 0 : x.bundle().id()));
        return out;
    }

    /**
     * Whether the bundle was installed or updated so recently that it may still be on its way to active: every
     * install and update passes through INSTALLED and RESOLVED, and its components through unsatisfied states, and
     * that is not a failure.
     */
    private boolean inTransition(Bundle b) {
        return System.currentTimeMillis() - b.getLastModified() < graceMillis;
    }

    /** Why SCR has not got the component running, or null if it is fine. */
    private String describeProblem(ComponentDescriptionDTO d) {
        if (!d.defaultEnabled && !scr.isComponentEnabled(d)) {
            return null;
        }
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
            switch (c.state) {
                case ComponentConfigurationDTO.FAILED_ACTIVATION:
                    return "activation failed: " + rootCause(c.failure);
                case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                    return "waiting for services: " + String.join(", ",
                            java.util.Arrays.stream(c.unsatisfiedReferences).map(r -> r.name + " " + r.target).toList());
                default:
                    break;
            }
        }
        return null;
    }

    private String scrFailure(Bundle b, String componentName) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (d.name.equals(componentName)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION && c.failure != null) {
                        return rootCause(c.failure);
                    }
                }
            }
        }
        return null;
    }

    /**
     * The reason in SCR's failure text, which is a stack trace: with constructor injection its first line is the
     * reflective wrapper (InvocationTargetException), so the innermost "Caused by:" says what went wrong.
     */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "unknown error";
        }
        String[] lines = failure.split("\\R");
        String reason = lines[0].trim();
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("Caused by: ")) {
                reason = t.substring("Caused by: ".length());
            }
        }
        return reason;
    }

    @Override
    public Optional<Connector> connector(String code) {
        Optional<Connector> found = connectors.active(code);
        if (found.isPresent()) {
            return found;
        }
        awaitStartUp(connectors);
        return connectors.active(code);
    }

    @Override
    public Optional<WarehouseDriver> warehouseDriver(String code) {
        return drivers.active(code);
    }

    @Override
    public Optional<TransformationEngine> transformationEngine(String language) {
        Optional<TransformationEngine> found = engines.active(language);
        if (found.isPresent()) {
            return found;
        }
        awaitStartUp(engines);
        return engines.active(language);
    }

    @Deactivate
    void deactivate() {
        activator.shutdownNow();
        timer.shutdownNow();
    }
}
