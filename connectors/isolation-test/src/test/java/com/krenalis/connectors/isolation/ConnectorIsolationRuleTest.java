package com.krenalis.connectors.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import com.krenalis.api.connector.Connector;
import com.krenalis.fixture.clean.CleanConnector;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds fixture connector bundles with bnd, exactly as bnd-maven-plugin does, under the isolation rule of each file
 * the real connector builds use: {@code cnf/connector.bnd} and {@code connectors/faker/bnd.bnd}. A rule weakened in
 * either file makes a test here fail.
 */
class ConnectorIsolationRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"isolation.rule.shared", "isolation.rule.faker"})
    void connectorUsingOnlyTheApiBuilds(String ruleFile) throws Exception {
        try (Builder builder = builder(ruleFile, Map.of("-includepackage", "com.krenalis.fixture.clean"));
             Jar jar = builder.build()) {
            assertEquals(List.of(), builder.getErrors());
            assertEquals(List.of(), builder.getWarnings());
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertTrue(manifest.getValue("Import-Package").contains("com.krenalis.api.connector"));
            assertNull(manifest.getValue("Krenalis-Connector-Isolation"), "the rule header must not reach the manifest");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"isolation.rule.shared", "isolation.rule.faker"})
    void connectorReferencingCoreInternalsFails(String ruleFile) throws Exception {
        assertRejected(ruleFile, Map.of("-includepackage", "com.krenalis.fixture.leaky"),
                "this bundle imports com.krenalis.core.internal.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"isolation.rule.shared", "isolation.rule.faker"})
    void connectorReferencingAnotherConnectorFails(String ruleFile) throws Exception {
        assertRejected(ruleFile, Map.of("-includepackage", "com.krenalis.fixture.sibling"),
                "this bundle imports com.krenalis.connector.other.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"isolation.rule.shared", "isolation.rule.faker"})
    void explicitImportOfCoreInternalsFails(String ruleFile) throws Exception {
        assertRejected(ruleFile, Map.of("-includepackage", "com.krenalis.fixture.clean",
                        "Import-Package", "com.krenalis.core.internal;resolution:=optional, *"),
                "this bundle imports com.krenalis.core.internal.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"isolation.rule.shared", "isolation.rule.faker"})
    void connectorEmbeddingCoreInternalsFails(String ruleFile) throws Exception {
        assertRejected(ruleFile, Map.of("-includepackage", "com.krenalis.fixture.leaky, com.krenalis.core.internal"),
                "this bundle contains com.krenalis.core.internal.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"isolation.rule.shared", "isolation.rule.faker"})
    void connectorEmbeddingTheApiFails(String ruleFile) throws Exception {
        assertRejected(ruleFile, Map.of("-includepackage", "com.krenalis.fixture.clean, com.krenalis.api.*"),
                "this bundle contains com.krenalis.api");
    }

    private static void assertRejected(String ruleFile, Map<String, String> instructions, String expected)
            throws Exception {
        try (Builder builder = builder(ruleFile, instructions); Jar ignored = builder.build()) {
            List<String> errors = builder.getErrors();
            assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
            assertTrue(errors.get(0).startsWith("Connector isolation rule: " + expected), errors.get(0));
        }
    }

    /** A bnd builder set up like bnd-maven-plugin's: the rule file's instructions, over the fixture and API classes. */
    private static Builder builder(String ruleFile, Map<String, String> instructions) throws Exception {
        File rules = new File(System.getProperty(ruleFile));
        assertTrue(rules.isFile(), () -> "missing rule file " + rules);
        Builder builder = new Builder();
        builder.setProperties(rules);
        builder.setProperty("Bundle-SymbolicName", "fixture");
        builder.setProperty("Bundle-Version", "1.0.0");
        instructions.forEach(builder::setProperty);
        builder.addClasspath(location(CleanConnector.class));
        builder.addClasspath(location(Connector.class));
        return builder;
    }

    private static File location(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
