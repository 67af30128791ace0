package com.krenalis.itests.osgi;

import static com.krenalis.itests.osgi.Extensions.fromBundle;
import static com.krenalis.itests.osgi.Extensions.isActive;
import static com.krenalis.itests.osgi.Extensions.withCode;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
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

/**
 * Badly behaved extensions (one throws while activating, one never finishes, one cannot resolve) are reported as
 * failed, with the reason, while the server goes on serving; deleting them removes them like any other extension.
 * In a framework of its own: the hanging activation keeps a thread busy, which must not disturb the timings that
 * {@link DistributionIT} measures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@ExamFactory(KrenalisContainerFactory.class)
public class FailureIsolationIT {
    /** The extension catalog gives up on an activation after 10 s (its default activationTimeoutSeconds). */
    private static final Duration REPORTED_FAILED_TIMEOUT = Duration.ofSeconds(15);

    /**
     * A bad connector: its deployed file, its bundle, whether that bundle resolves (so starts, and only its component
     * fails), and what its listed failure must say.
     */
    private record BadConnector(String file, String bundle, boolean resolves, String failureMentions) {
    }

    private static final BadConnector THROWING = new BadConnector("throwing-connector.jar",
            "com.krenalis.fixture.throwing-connector", true, "activation fails on purpose");
    private static final BadConnector HANGING = new BadConnector("hanging-connector.jar",
            "com.krenalis.fixture.hanging-connector", true, "did not finish within");
    private static final BadConnector UNRESOLVABLE = new BadConnector("unresolvable-connector.jar",
            "com.krenalis.fixture.unresolvable-connector", false, "com.krenalis.core.internal.workspaces");
    private static final List<BadConnector> BAD = List.of(THROWING, HANGING, UNRESOLVABLE);

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
        api.awaitHealthy(DistributionIT.READY_TIMEOUT);
    }

    @Test
    public void badConnectorsAreReportedFailedWhileTheServerGoesOn() {
        // Every check runs and the test fails at the end with all problems, so that one wrong reason does not hide
        // whether removal works.
        List<String> problems = new ArrayList<>();
        try {
            long deployed = 0;
            for (BadConnector bad : BAD) {
                deployed = deploy.deploy("krenalis-fixture-" + bad.file(), bad.file());
            }
            Timeline reported = new Timeline(deployed, BAD);
            Eventually.Observed<List<JsonNode>> failed = Eventually.await("the three bad connectors listed as failed",
                    deployed, REPORTED_FAILED_TIMEOUT, () -> reported.observe(this::settledAsFailed), reported::complete);
            System.out.printf("[osgi-itest] bad connectors listed as failed after: %s%n", reported.times);
            for (BadConnector bad : BAD) {
                List<JsonNode> entries = fromBundle(failed.value(), bad.bundle());
                String failure = entries.get(0).path("failure").asText();
                System.out.printf("[osgi-itest]   %s: %s%n", bad.bundle(), failure);
                if (entries.size() != 1) {
                    problems.add(bad.bundle() + ": expected one entry, got " + entries);
                }
                if (!failure.contains(bad.failureMentions())) {
                    problems.add(bad.bundle() + ": the failure should mention '" + bad.failureMentions() + "' but is '"
                            + failure + "'");
                }
                if (!entries.get(0).path("bundle").path("location").asText().endsWith("/" + bad.file())) {
                    problems.add(bad.bundle() + ": the entry should name the deployed file: " + entries.get(0));
                }
            }
            assertFakerStillActive(failed.value());

            // The hanging connector first, on its own, then the others: deleting one extension must not hold up the
            // next hot-deployment operation.
            Map<String, Duration> goneAfter = new LinkedHashMap<>();
            List<JsonNode> after = null;
            for (List<BadConnector> batch : List.of(List.of(HANGING), List.of(THROWING, UNRESOLVABLE))) {
                long removed = 0;
                for (BadConnector bad : batch) {
                    removed = deploy.remove(bad.file());
                }
                Timeline gone = new Timeline(removed, batch);
                after = Eventually.await("removed: " + batch, removed, REPORTED_FAILED_TIMEOUT,
                        () -> gone.observe((list, bad) -> fromBundle(list, bad.bundle()).isEmpty()), gone::complete).value();
                goneAfter.putAll(gone.times);
            }
            System.out.printf("[osgi-itest] bad connectors gone after their files were deleted: %s%n", goneAfter);
            goneAfter.forEach((bundle, took) -> {
                if (took.compareTo(DistributionIT.HOT_DEPLOY_TIMEOUT) > 0) {
                    problems.add(bundle + ": gone " + took.toMillis() + " ms after its file was deleted; any extension must be"
                            + " removed within " + DistributionIT.HOT_DEPLOY_TIMEOUT.toMillis() + " ms");
                }
            });
            assertFakerStillActive(after);
        } finally {
            BAD.forEach(bad -> deploy.remove(bad.file()));
        }
        assertTrue("bad connectors must be reported and removed properly:\n  " + String.join("\n  ", problems),
                problems.isEmpty());
    }

    /**
     * Failed for good: listed as failed and, if its bundle resolves, with the bundle active. (Right after deployment,
     * before FileInstall has started it, a bundle that will resolve can be listed as failed too.)
     */
    private boolean settledAsFailed(List<JsonNode> connectors, BadConnector bad) {
        boolean failed = fromBundle(connectors, bad.bundle()).stream().anyMatch(Extensions::isFailed);
        return failed && (!bad.resolves() || Arrays.stream(context.getBundles())
                .anyMatch(b -> bad.bundle().equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE));
    }

    /** When each bad connector first met a condition, observing the listing while checking health. */
    private final class Timeline {
        final Map<String, Duration> times = new LinkedHashMap<>();
        private final long startNanos;
        private final List<BadConnector> connectors;

        Timeline(long startNanos, List<BadConnector> connectors) {
            this.startNanos = startNanos;
            this.connectors = connectors;
        }

        List<JsonNode> observe(BiPredicate<List<JsonNode>, BadConnector> condition) {
            AdminApi.Reply health = api.health();
            assertEquals("GET /v1/health while bad connectors are deployed or removed: " + health, 200, health.status());
            List<JsonNode> listed = api.extensions("/v1/connectors", "connectors");
            for (BadConnector bad : connectors) {
                if (condition.test(listed, bad)) {
                    times.putIfAbsent(bad.bundle(), Duration.ofNanos(System.nanoTime() - startNanos));
                }
            }
            return listed;
        }

        boolean complete(List<JsonNode> listed) {
            return times.size() == connectors.size();
        }
    }

    private static void assertFakerStillActive(List<JsonNode> connectors) {
        List<JsonNode> faker = withCode(connectors, "faker");
        assertTrue("faker is still active: " + faker, faker.size() == 1 && isActive(faker.get(0)));
    }
}
