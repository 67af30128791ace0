package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The DS descriptor bnd wrote (process-classes runs before test): one delayed component providing Connector. */
class ComponentDescriptorTest {

    @Test
    void theConnectorIsADelayedComponent() throws Exception {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/com.krenalis.connector.snowflake.SnowflakeConnector.xml"));
        assertTrue(xml.contains("<provide interface=\"com.krenalis.api.connector.Connector\"/>"), xml);
        assertFalse(xml.contains("immediate=\"true\""), xml);
    }
}
