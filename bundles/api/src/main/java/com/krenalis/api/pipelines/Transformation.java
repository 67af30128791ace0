package com.krenalis.api.pipelines;

import java.util.Map;

/**
 * How a pipeline turns an input record into an output record.
 *
 * @param kind     none (properties copied by name), a visual mapping, or a function
 * @param mapping  for a mapping: an expression per output property (docs/transformations.md)
 * @param language for a function: the language (as listed by {@code GET /v1/transformation-languages})
 * @param source   for a function: its source, defining {@code transform(record)}
 */
public record Transformation(Kind kind, Map<String, String> mapping, String language, String source) {
    public static final Transformation NONE = new Transformation(Kind.NONE, null, null, null);

    public enum Kind {
        NONE, MAPPING, FUNCTION;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Transformation mapping(Map<String, String> mapping) {
        return new Transformation(Kind.MAPPING, mapping, null, null);
    }

    public static Transformation function(String language, String source) {
        return new Transformation(Kind.FUNCTION, null, language, source);
    }
}
