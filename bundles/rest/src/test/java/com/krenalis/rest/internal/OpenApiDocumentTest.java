package com.krenalis.rest.internal;

import com.krenalis.api.platform.Unauthenticated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document lists exactly the routes the resources serve, and marks only health public. */
class OpenApiDocumentTest {

    static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "classes", "com", "krenalis", "rest", "internal");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            for (java.nio.file.Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = p.getFileName().toString().replace(".class", "");
                if (!name.contains("$")) {
                    Class<?> c = Class.forName("com.krenalis.rest.internal." + name);
                    if (c.isAnnotationPresent(Path.class)) {
                        out.add(c);
                    }
                }
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static Set<String> routesInCode(boolean publicOnly) throws Exception {
        Set<String> routes = new TreeSet<>();
        for (Class<?> c : resourceClasses()) {
            String base = c.getAnnotation(Path.class).value();
            for (Method m : c.getMethods()) {
                String verb = verb(m);
                if (verb == null || publicOnly && !m.isAnnotationPresent(Unauthenticated.class)) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = sub == null ? base : (base.endsWith("/") ? base : base + "/") + sub.value();
                routes.add(verb + " " + path);
            }
        }
        return routes;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static JsonNode document() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void documentListsExactlyTheServedRoutes() throws Exception {
        Set<String> documented = new TreeSet<>();
        JsonNode paths = document().get("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<String> ops = paths.get(path).fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (Set.of("get", "post", "put", "delete", "patch").contains(op)) {
                    documented.add(op.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertEquals(routesInCode(false), documented);
    }

    @Test
    void onlyPublicRoutesAreDocumentedWithoutSecurity() throws Exception {
        Set<String> publicDocumented = new TreeSet<>();
        JsonNode paths = document().get("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<String> ops = paths.get(path).fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                JsonNode security = paths.get(path).get(op).get("security");
                if (security != null && security.isArray() && security.isEmpty()) {
                    publicDocumented.add(op.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertEquals(routesInCode(true), publicDocumented);
        assertEquals(Set.of("GET /v1/health"), publicDocumented);
        assertTrue(document().get("security").size() > 0, "the document requires a key by default");
    }

    @SuppressWarnings("unused")
    private static final Class<?>[] VERBS = {GET.class, POST.class, PUT.class, DELETE.class};
}
