package com.krenalis.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The Python engine of the distribution's engines/ folder, used through its OSGi service as the pipelines will use
 * it: Jython starts inside its bundle (standard library found through the bundle's class loader), functions run,
 * and the sandbox holds there too (no Java classes, no files). A framework of its own: starting Jython costs seconds
 * of CPU that must not disturb the timings {@link DistributionIT} measures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@ExamFactory(KrenalisContainerFactory.class)
public class PythonEngineIT {
    private static final TransformationLimits LIMITS = new TransformationLimits(Duration.ofSeconds(1), 1 << 20);

    private static boolean started;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return KrenalisServer.options();
    }

    /** Jython starts with the engine's first compile: measured once, before the tests, for the record. */
    @Before
    public void startJython() throws Exception {
        if (!started) {
            long t0 = System.nanoTime();
            python().compile("def transform(record):\n    return record\n", LIMITS).close();
            System.out.printf("[osgi-itest] python engine: first compile (starts Jython) %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
            started = true;
        }
    }

    private TransformationEngine python() throws Exception {
        for (ServiceReference<TransformationEngine> ref : context.getServiceReferences(TransformationEngine.class, null)) {
            TransformationEngine engine = context.getService(ref);
            if (engine != null && engine.language().equals("python")) {
                assertEquals("com.krenalis.transform.python", ref.getBundle().getSymbolicName());
                return engine;
            }
        }
        throw new AssertionError("no python engine registered");
    }

    @Test
    public void pythonFunctionsRunSandboxedInTheFramework() throws Exception {
        TransformationEngine engine = python();
        try (TransformationFunction f = engine.compile("import json, re, datetime, hashlib\n"
                + "def transform(record):\n"
                + "    email = record['traits']['email'].strip().lower()\n"
                + "    return {'email': email, 'domain': re.sub('^.*@', '', email),\n"
                + "            'hash': hashlib.sha256(email.encode('utf-8')).hexdigest()[:8],\n"
                + "            'day': datetime.datetime.strptime(record['at'], '%Y-%m-%d').date().isoformat(),\n"
                + "            'json': json.dumps(record['tags'])}\n", LIMITS)) {
            long t0 = System.nanoTime();
            Map<String, Object> out = f.apply(Map.of("traits", Map.of("email", " Zoë@Example.COM "), "at", "2024-03-04",
                    "tags", List.of("a", 1L)));
            System.out.printf("[osgi-itest] python engine: first record of a function %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
            assertEquals("zoë@example.com", out.get("email"));
            assertEquals("example.com", out.get("domain"));
            assertEquals(8, ((String) out.get("hash")).length());
            assertEquals("2024-03-04", out.get("day"));
            assertEquals("[\"a\", 1]", out.get("json"));
            assertNull(engine.compile("def transform(record):\n    return None\n", LIMITS).apply(Map.of()));
        }
    }

    @Test
    public void theSandboxHoldsInTheFramework() throws Exception {
        TransformationEngine engine = python();
        assertRefused(engine, "from java.lang import System", "module 'java.lang' cannot be imported");
        assertRefused(engine, "import os", "module 'os' cannot be imported");
        assertRefused(engine, "open('/etc/passwd')", "'open' is not available");
        try (TransformationFunction f = engine.compile("def transform(record):\n"
                + "    return {'x': getattr(getattr(record, '__class__'), '__subclasses__')}\n", LIMITS)) {
            f.apply(Map.of());
            fail("introspection was allowed");
        } catch (TransformationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is not accessible in a transformation"));
        }
        try (TransformationFunction f = engine.compile("def transform(record):\n    while True: pass\n", LIMITS)) {
            f.apply(Map.of());
            fail("the loop was not stopped");
        } catch (TransformationException e) {
            assertEquals("time limit exceeded: the call ran longer than 1000 ms", e.getMessage());
        }
    }

    private void assertRefused(TransformationEngine engine, String statement, String expected) {
        try {
            engine.compile(statement + "\ndef transform(record):\n    return record\n", LIMITS).close();
            fail(statement + " compiled");
        } catch (TransformationException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }
}
