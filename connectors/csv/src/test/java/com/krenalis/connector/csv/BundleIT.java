package com.krenalis.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.conformance.Fixture;
import com.krenalis.conformance.RecordingSink;
import com.krenalis.connector.format.support.FelixHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The packaged bundle, alone, in a real Felix with SCR: it resolves (every import it needs is the API's, the JDK's, or
 * optional), its component activates, and the connector reads and writes through the libraries it embeds.
 */
class BundleIT {

    @Test
    void theBundleResolvesActivatesAndReads() throws Exception {
        try (FelixHarness felix = new FelixHarness()) {
            Bundle bundle = felix.install(Path.of(System.getProperty("bundle.jar")));
            assertEquals(Bundle.ACTIVE, bundle.getState());
            Connector connector = felix.service(Connector.class);
            assertEquals("csv", connector.spec().code());
            assertTrue(connector.getClass().getClassLoader() != getClass().getClassLoader(), "the service comes from the bundle");
            FileFormat format = (FileFormat) connector;
            Settings settings = connector.spec().settings().validate(Map.of());
            byte[] file = String.join("\r\n", CsvConformanceTest.lines(Fixture.users())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ObjectType schema = format.discover(new ByteArrayInputStream(file), settings);
            assertTrue(schema.property("updated_at").isPresent(), schema.toString());
            RecordingSink sink = new RecordingSink();
            format.read(new ByteArrayInputStream(file), settings, sink);
            assertEquals(Fixture.users().size(), sink.records().size(), sink.rejections().toString());
            assertEquals(0, sink.rejections().size(), sink.rejections().toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordDestination.RecordWriter writer = format.openWriter(out, settings, schema)) {
                for (Fixture.User u : Fixture.users()) {
                    writer.write(u.row());
                }
                writer.commit();
            }
            RecordingSink again = new RecordingSink();
            format.read(new ByteArrayInputStream(out.toByteArray()), settings, again);
            assertEquals(Fixture.users().stream().map(u -> Fixture.normalize(u.row())).toList(),
                    again.records().stream().map(r -> Fixture.normalize(r.properties())).toList());
        }
    }
}
