package com.krenalis.connector.event.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.krenalis.api.connector.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The DS descriptors bnd generated (OSGI-INF/*.xml in the build output, before the jar is packed): one delayed
 * component per connector, each providing Connector, all named in the manifest.
 */
class ComponentDescriptorsTest {
    private static final Path CLASSES = Path.of(System.getProperty("bundle.classes", "target/classes"));

    private record Descriptor(String file, String implementation, String immediate, List<String> provides) {
    }

    @Test
    void tenDelayedComponentsEachProvidingConnector() throws Exception {
        List<Descriptor> descriptors = descriptors();
        assertEquals(10, descriptors.size(), descriptors.toString());
        for (Descriptor d : descriptors) {
            assertEquals(List.of(Connector.class.getName()), d.provides(), d.file());
            assertNotEquals("true", d.immediate(), d.file() + " must stay delayed");
        }
        assertEquals(EventSources.ALL.stream().map(c -> c.getClass().getName()).sorted().toList(),
                descriptors.stream().map(Descriptor::implementation).sorted().toList());
    }

    @Test
    void manifestDeclaresEveryDescriptor() throws Exception {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            String header = new Manifest(in).getMainAttributes().getValue("Service-Component");
            assertEquals(descriptors().stream().map(d -> "OSGI-INF/" + d.file()).sorted().toList(),
                    Arrays.stream(header.split(",")).map(String::trim).sorted().toList());
        }
    }

    private static List<Descriptor> descriptors() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(CLASSES.resolve("OSGI-INF"))) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        List<Descriptor> out = new ArrayList<>();
        for (Path file : files) {
            out.add(read(file));
        }
        return out;
    }

    private static Descriptor read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root;
        try (InputStream in = Files.newInputStream(file)) {
            root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        assertEquals("component", root.getLocalName(), file.toString());
        Element implementation = (Element) root.getElementsByTagName("implementation").item(0);
        List<String> provides = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName("provide");
        for (int i = 0; i < nodes.getLength(); i++) {
            provides.add(((Element) nodes.item(i)).getAttribute("interface"));
        }
        return new Descriptor(file.getFileName().toString(), implementation.getAttribute("class"),
                root.getAttribute("immediate"), provides);
    }
}
