package com.krenalis.connector.format.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.conformance.Fixture;
import com.krenalis.conformance.RecordingSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.Bundle;

/**
 * What each format module's bundle test checks of its packaged jar, alone in a real Felix with SCR ({@link FelixHarness}):
 * it resolves and activates, its connector service comes from the bundle, and through it a file of the fixture users
 * reads (with the rejections the file is made to cause) and what its writer writes reads back the same.
 */
public final class FormatBundleCheck {
    private FormatBundleCheck() {
    }

    /**
     * @param code       the connector's code
     * @param file       the fixture users ({@link Fixture#users()}) in the format, with the test's own means
     * @param rejections how many records of {@code file} the format rejects (a file made with a malformed one)
     */
    public static void run(String code, byte[] file, int rejections) throws Exception {
        try (FelixHarness felix = new FelixHarness()) {
            Bundle bundle = felix.install(Path.of(System.getProperty("bundle.jar")));
            assertEquals(Bundle.ACTIVE, bundle.getState());
            Connector connector = felix.service(Connector.class);
            assertEquals(code, connector.spec().code());
            assertTrue(connector.getClass().getClassLoader() != FormatBundleCheck.class.getClassLoader(),
                    "the service comes from the bundle");
            FileFormat format = (FileFormat) connector;
            Settings settings = connector.spec().settings().validate(Map.of());
            ObjectType schema = format.discover(new ByteArrayInputStream(file), settings);
            assertTrue(schema.property("updated_at").isPresent(), schema.toString());
            RecordingSink sink = new RecordingSink();
            format.read(new ByteArrayInputStream(file), settings, sink);
            assertEquals(Fixture.users().size(), sink.records().size(), sink.rejections().toString());
            assertEquals(rejections, sink.rejections().size(), sink.rejections().toString());
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
