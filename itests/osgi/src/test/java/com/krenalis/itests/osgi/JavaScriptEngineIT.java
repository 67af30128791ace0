package com.krenalis.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The JavaScript engine bundle of the distribution, used as the core will use it, inside the framework: GraalJS found
 * through the bundle's class path, functions that run, the sandbox and the time limit in force; and the same after
 * the bundle is uninstalled and installed again (a second GraalJS in a new class loader). Also the allocation limit,
 * whose counters come from the JDK through boot delegation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@ExamFactory(KrenalisContainerFactory.class)
public class JavaScriptEngineIT {
    private static final String BUNDLE = "com.krenalis.transform.javascript";
    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return KrenalisServer.options();
    }

    @Test
    public void functionsRunSandboxedAfterAReinstallToo() throws Exception {
        Bundle first = engineBundle();
        exercise("first install");
        allocationLimitHolds();

        String location = first.getLocation();
        first.uninstall();
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(first));
        Bundle second;
        try (InputStream in = URI.create(location).toURL().openStream()) {
            second = context.installBundle(location, in);
        }
        second.start();
        assertNotEquals(first.getBundleId(), second.getBundleId());
        exercise("after a reinstall");
    }

    private void exercise(String when) throws Exception {
        long t0 = System.nanoTime();
        ServiceReference<TransformationEngine> ref = Eventually.await("javascript engine service", t0, ACTIVATION_TIMEOUT,
                this::javascript, r -> r != null).value();
        TransformationEngine engine = context.getService(ref); // activates the component: creates the GraalJS engine
        try {
            long activated = System.nanoTime();
            TransformationLimits limits = new TransformationLimits(Duration.ofMillis(300), 10_000);
            try (TransformationFunction f = engine.compile("""
                    function transform(record) {
                      if (record.loop) { while (true) {} }
                      if (record.host) { return { v: Java.type('java.lang.System').getenv('HOME') }; }
                      return { email: record.traits.email.toLowerCase(), keys: Object.keys(record.traits) };
                    }
                    """, limits)) {
                Map<String, Object> in = Map.of("traits", Map.of("email", "Ada@Example.COM"));
                assertEquals(Map.of("email", "ada@example.com", "keys", List.of("email")), f.apply(in));
                expectFailure(f, Map.of("loop", true), "transform took longer than the time limit of 300 ms");
                expectFailure(f, Map.of("host", true), "ReferenceError: Java is not defined (line 3)");
                assertEquals(Map.of("email", "ada@example.com", "keys", List.of("email")), f.apply(in));
            }
            System.out.printf("[osgi-itest] javascript engine %s: service obtained (engine activated) after %d ms, compile + 4 records %d ms%n", when,
                    (activated - t0) / 1_000_000, (System.nanoTime() - activated) / 1_000_000);
        } finally {
            context.ungetService(ref);
        }
    }

    /**
     * The allocation limit (512 MB by default) needs HotSpot's per-thread counters from {@code com.sun.management},
     * which the bundle reaches through the framework's boot delegation: a growing array is stopped by it long before
     * its generous time limit.
     */
    private void allocationLimitHolds() throws Exception {
        ServiceReference<TransformationEngine> ref = javascript();
        TransformationEngine engine = context.getService(ref);
        try (TransformationFunction f = engine.compile("""
                function transform(record) {
                  const a = [];
                  while (true) a.push('x'.repeat(100) + a.length);
                }
                """, new TransformationLimits(Duration.ofSeconds(120), 10_000))) {
            long t0 = System.nanoTime();
            expectFailure(f, Map.of(), "transform allocated more than the limit of 512 MB");
            System.out.printf("[osgi-itest] javascript engine: a growing array stopped by the allocation limit after %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            context.ungetService(ref);
        }
    }

    private static void expectFailure(TransformationFunction f, Map<String, Object> record, String message) {
        try {
            f.apply(record);
            fail("no failure for " + record);
        } catch (TransformationException e) {
            assertEquals(message, e.getMessage());
        }
    }

    private Bundle engineBundle() {
        for (Bundle b : context.getBundles()) {
            if (BUNDLE.equals(b.getSymbolicName())) {
                assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
                assertTrue(b.getLocation(), b.getLocation().contains("/engines/"));
                return b;
            }
        }
        throw new AssertionError("the distribution has no " + BUNDLE);
    }

    private ServiceReference<TransformationEngine> javascript() throws Exception {
        for (ServiceReference<TransformationEngine> ref : context.getServiceReferences(TransformationEngine.class, null)) {
            if (BUNDLE.equals(ref.getBundle().getSymbolicName())) {
                return ref;
            }
        }
        return null;
    }
}
