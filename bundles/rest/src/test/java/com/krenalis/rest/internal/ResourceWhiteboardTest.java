package com.krenalis.rest.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the DS descriptors bnd generated and checks that every JAX-RS resource of this bundle is a whiteboard resource
 * that requires the API-key filter, the error mapper and JSON: a resource that forgot would be served without
 * authentication.
 */
class ResourceWhiteboardTest {
    private static final Path OSGI_INF = Path.of("target", "classes", "OSGI-INF");

    @Test
    void everyResourceRequiresTheAuthFilterErrorMapperAndJson() throws IOException {
        List<Path> descriptors;
        try (Stream<Path> files = Files.list(OSGI_INF)) {
            descriptors = files.filter(p -> p.toString().endsWith("Resource.xml")).toList();
        }
        assertFalse(descriptors.isEmpty(), "no resource descriptors in " + OSGI_INF.toAbsolutePath());
        for (Path xml : descriptors) {
            String d = Files.readString(xml);
            String name = xml.getFileName().toString();
            assertTrue(d.contains("name=\"osgi.jakartars.resource\" type=\"Boolean\" value=\"true\""), name + " is not a whiteboard resource");
            assertTrue(d.contains(ApiKeyFilter.SELECT), name + " does not require the API-key filter");
            assertTrue(d.contains(ErrorMapper.SELECT), name + " does not require the error mapper");
            assertTrue(d.contains(JsonProvider.SELECT), name + " does not require JSON");
        }
    }

    /**
     * JAX-RS picks the best-matching root resource before looking at methods, without backtracking: an admin resource
     * rooted at a bare prefix such as {@code /v1} would capture the collector's {@code /v1/batch} and answer 404.
     */
    @Test
    void noAdminResourceClaimsABarePrefix() throws Exception {
        for (Class<?> c : OpenApiDocumentTest.resourceClasses()) {
            String path = c.getAnnotation(jakarta.ws.rs.Path.class).value();
            assertTrue(path.matches("/v1/[a-z-.]+(/[a-z-.]+|/\\{[a-z]+\\})*"), c.getName() + " is rooted at " + path);
        }
    }

    /**
     * Two resources may share a root (Jersey merges them) or nest one root under another ({@code /v1/profiles/schema}
     * under {@code /v1/profiles}, whose {@code {kpid}} JAX-RS ranks below the literal), but no route may be served
     * twice: with template names ignored, every verb and path is unique across the resources.
     */
    @Test
    void noRouteIsServedTwice() throws Exception {
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (Class<?> c : OpenApiDocumentTest.resourceClasses()) {
            String base = c.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (java.lang.reflect.Method m : c.getMethods()) {
                String verb = java.util.Arrays.stream(m.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class))
                        .filter(java.util.Objects::nonNull).map(jakarta.ws.rs.HttpMethod::value).findFirst().orElse(null);
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                String route = verb + " " + (sub == null ? base : base + "/" + sub.value()).replaceAll("\\{[^}]*}", "{}");
                String previous = seen.put(route, c.getSimpleName() + "." + m.getName());
                assertTrue(previous == null, route + " is served by " + previous + " and " + c.getSimpleName() + "." + m.getName());
            }
        }
        assertTrue(seen.containsKey("GET /v1/profiles/schema"));
        assertTrue(seen.containsKey("GET /v1/profiles/{}"));
    }

    @Test
    void everyPathAnnotatedClassHasADescriptor() throws Exception {
        for (Class<?> c : OpenApiDocumentTest.resourceClasses()) {
            assertTrue(c.isAnnotationPresent(jakarta.ws.rs.Path.class));
            assertTrue(Files.exists(OSGI_INF.resolve(c.getName() + ".xml")), c.getName() + " is not a DS component");
        }
    }
}
