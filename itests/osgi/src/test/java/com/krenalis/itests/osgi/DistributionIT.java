package com.krenalis.itests.osgi;

import static com.krenalis.itests.osgi.Extensions.activeOne;
import static com.krenalis.itests.osgi.Extensions.fromBundle;
import static com.krenalis.itests.osgi.Extensions.withCode;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The real distribution in Felix: it resolves, serves its admin API with authentication, and deploys, updates and
 * removes well-behaved extensions while running. One framework for the whole class.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@ExamFactory(KrenalisContainerFactory.class)
public class DistributionIT {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** How soon a deployed, replaced or deleted extension must show in the admin API. */
    static final Duration HOT_DEPLOY_TIMEOUT = Duration.ofSeconds(2);
    private static final String HELLO_BUNDLE = "com.krenalis.fixture.hello-connector";
    private static final String HELLO_FILE = "hello-connector.jar";

    @Inject
    private BundleContext context;
    private AdminApi api;
    private DeployFolder deploy;

    @Configuration
    public Option[] configuration() {
        return KrenalisServer.options();
    }

    @Before
    public void connect() {
        api = new AdminApi(context);
        deploy = new DeployFolder(context);
    }

    @Test
    public void everyInstalledBundleIsActive() {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<String> problems = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                problems.add(b.getBundleId() + " " + b.getSymbolicName() + " " + b.getVersion() + " (" + b.getLocation()
                        + "): " + state(b.getState()) + (fragment ? " fragment" : "") + missingRequirements(revision, wiring));
            }
        }
        assertTrue("of " + context.getBundles().length + " bundles, these are not active:\n  " + String.join("\n  ", problems),
                problems.isEmpty());
    }

    @Test
    public void logMessagesReachTheLoggingProvider() {
        // slf4j falls back to discarding everything when no provider is visible at its first use (start order).
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        assertFalse("slf4j inside the framework is bound to " + factory.getClass().getName() + ": log messages are lost",
                factory instanceof NOPLoggerFactory);
    }

    @Test
    public void healthAnswersOverHttpOnceReady() {
        Duration took = api.awaitHealthy(READY_TIMEOUT);
        AdminApi.Reply health = api.health();
        assertEquals(health.toString(), 200, health.status());
        assertNotNull("health is JSON: " + health, health.json());
        assertEquals(health.toString(), "ok", health.json().path("status").asText());
        System.out.printf("[osgi-itest] GET /v1/health answered 200 after %d ms of waiting%n", took.toMillis());
    }

    @Test
    public void everyAdminRouteButHealthNeedsTheApiKey() {
        api.awaitHealthy(READY_TIMEOUT);
        for (String path : List.of("/v1/connectors", "/v1/workspaces", "/v1/api-keys", "/v1/openapi.json")) {
            assertUnauthorized(path, "without a key", api.get(path, null));
            assertUnauthorized(path, "with a wrong key", api.get(path, "not-the-key-" + api.adminKey()));
            AdminApi.Reply admin = api.get(path, api.adminKey());
            assertEquals("GET " + path + " with the admin key: " + admin, 200, admin.status());
        }
    }

    @Test
    public void connectorIsDeployedUpdatedInPlaceAndRemoved() {
        api.awaitHealthy(READY_TIMEOUT);
        try {
            long deployed = deploy.deploy("krenalis-fixture-hello-connector.jar", HELLO_FILE);
            Eventually.Observed<JsonNode> v1 = Eventually.await("hello 1.0.0 active", deployed, HOT_DEPLOY_TIMEOUT,
                    () -> activeOne(connectors(), "hello", "1.0.0", "Hello 1"), e -> e != null);
            assertEquals(v1.value().toString(), "Krenalis tests", v1.value().path("vendor").asText());
            assertEquals(v1.value().toString(), "MIT", v1.value().path("license").asText());
            assertEquals(v1.value().toString(), "[\"application\"]", v1.value().path("kinds").toString());

            long replaced = deploy.deploy("krenalis-fixture-hello-connector-v2.jar", HELLO_FILE);
            Eventually.Observed<JsonNode> v2 = Eventually.await("hello 2.0.0 active", replaced, HOT_DEPLOY_TIMEOUT,
                    () -> activeOne(connectors(), "hello", "2.0.0", "Hello 2"), e -> e != null);
            assertEquals("updated in place (same bundle): " + v1.value() + " then " + v2.value(),
                    v1.value().path("bundle").path("id").asLong(), v2.value().path("bundle").path("id").asLong());
            List<JsonNode> after = connectors();
            assertEquals("one hello entry after the update: " + after, 1, withCode(after, "hello").size());
            assertEquals("one entry from the hello bundle after the update: " + after, 1, fromBundle(after, HELLO_BUNDLE).size());

            long removed = deploy.remove(HELLO_FILE);
            Eventually.Observed<List<JsonNode>> gone = Eventually.await("hello gone", removed, HOT_DEPLOY_TIMEOUT,
                    this::connectors, list -> withCode(list, "hello").isEmpty() && fromBundle(list, HELLO_BUNDLE).isEmpty());

            System.out.printf("[osgi-itest] hello connector: deploy -> active %d ms, update -> 2.0.0 active %d ms, delete -> gone %d ms%n",
                    v1.elapsed().toMillis(), v2.elapsed().toMillis(), gone.elapsed().toMillis());
        } finally {
            deploy.remove(HELLO_FILE);
        }
    }

    @Test
    public void engineAndDriverAreDeployedAndRemoved() {
        api.awaitHealthy(READY_TIMEOUT);
        try {
            long deployed = deploy.deploy("krenalis-fixture-echo-engine.jar", "echo-engine.jar");
            Eventually.Observed<JsonNode> engine = Eventually.await("echo engine active", deployed, HOT_DEPLOY_TIMEOUT,
                    () -> activeOne(languages(), "echo", null, "Echo (test engine)"), e -> e != null);
            deployed = deploy.deploy("krenalis-fixture-null-driver.jar", "null-driver.jar");
            Eventually.Observed<JsonNode> driver = Eventually.await("null driver active", deployed, HOT_DEPLOY_TIMEOUT,
                    () -> activeOne(drivers(), "null", null, "Null (test driver)"), e -> e != null);

            long removed = deploy.remove("echo-engine.jar");
            Eventually.Observed<List<JsonNode>> engineGone = Eventually.await("echo engine gone", removed, HOT_DEPLOY_TIMEOUT,
                    this::languages, list -> withCode(list, "echo").isEmpty());
            removed = deploy.remove("null-driver.jar");
            Eventually.Observed<List<JsonNode>> driverGone = Eventually.await("null driver gone", removed, HOT_DEPLOY_TIMEOUT,
                    this::drivers, list -> withCode(list, "null").isEmpty());
            assertEquals("the distribution's PostgreSQL driver is untouched: " + driverGone.value(), 1,
                    withCode(driverGone.value(), "postgresql").stream().filter(Extensions::isActive).count());

            System.out.printf("[osgi-itest] echo engine: deploy -> active %d ms, delete -> gone %d ms; "
                            + "null driver: deploy -> active %d ms, delete -> gone %d ms%n", engine.elapsed().toMillis(),
                    engineGone.elapsed().toMillis(), driver.elapsed().toMillis(), driverGone.elapsed().toMillis());
        } finally {
            deploy.remove("echo-engine.jar");
            deploy.remove("null-driver.jar");
        }
    }

    private List<JsonNode> connectors() {
        return api.extensions("/v1/connectors", "connectors");
    }

    private List<JsonNode> languages() {
        return api.extensions("/v1/transformation-languages", "transformationLanguages");
    }

    private List<JsonNode> drivers() {
        return api.extensions("/v1/warehouse-drivers", "warehouseDrivers");
    }

    private static void assertUnauthorized(String path, String how, AdminApi.Reply reply) {
        String context = "GET " + path + " " + how + ": " + reply;
        assertEquals(context, 401, reply.status());
        assertNotNull("a JSON body, " + context, reply.json());
        assertEquals(context, "unauthorized", reply.json().path("error").path("code").asText());
        assertTrue("an explanation, " + context, !reply.json().path("error").path("message").asText().isBlank());
    }

    /** The requirements that nothing in the framework provides (for a bundle that did not resolve). */
    private static String missingRequirements(BundleRevision revision, FrameworkWiring wiring) {
        if (revision == null) {
            return "";
        }
        List<String> missing = new ArrayList<>();
        for (BundleRequirement r : revision.getDeclaredRequirements(null)) {
            boolean optional = Namespace.RESOLUTION_OPTIONAL.equals(r.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
            if (!optional && wiring.findProviders(r).isEmpty()) {
                missing.add(r.getNamespace() + " " + r.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE));
            }
        }
        return missing.isEmpty() ? "" : "; nothing provides: " + String.join(", ", missing);
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
