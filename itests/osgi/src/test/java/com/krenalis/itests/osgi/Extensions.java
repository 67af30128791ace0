package com.krenalis.itests.osgi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reading the entries of the admin API's extension listings (connectors, warehouse drivers, languages). */
final class Extensions {
    private Extensions() {
    }

    static List<JsonNode> withCode(List<JsonNode> extensions, String code) {
        return extensions.stream().filter(e -> code.equals(e.path("code").asText())).toList();
    }

    /** Every entry that comes from the bundle, whatever its state (a failed entry may not know its code). */
    static List<JsonNode> fromBundle(List<JsonNode> extensions, String symbolicName) {
        return extensions.stream().filter(e -> symbolicName.equals(e.path("bundle").path("symbolicName").asText())).toList();
    }

    static boolean isActive(JsonNode extension) {
        return "active".equals(extension.path("state").asText());
    }

    static boolean isFailed(JsonNode extension) {
        return "failed".equals(extension.path("state").asText());
    }

    /** The active entry with that code, version (any if null) and name; null if there is none yet. */
    static JsonNode activeOne(List<JsonNode> extensions, String code, String version, String name) {
        return withCode(extensions, code).stream()
                .filter(e -> isActive(e) && name.equals(e.path("name").asText())
                        && (version == null || version.equals(e.path("version").asText())))
                .findFirst().orElse(null);
    }
}
