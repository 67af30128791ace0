package com.krenalis.core.internal.pipelines;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.types.ObjectType;
import com.krenalis.core.internal.mapping.Mapping;
import java.util.Map;
import java.util.function.Supplier;

/** Visual mappings as transformers: one compiled, immutable {@link Mapping} shared by every thread. */
final class MappingTransformers {
    private MappingTransformers() {
    }

    /**
     * @param input the input's schema, or null when it has none (previews): paths are then not checked
     * @throws com.krenalis.api.platform.InvalidInputException naming {@code transformation.mapping.<property>}
     */
    static Supplier<Transformer> compile(Map<String, String> mapping, ObjectType input, ObjectType output) {
        Mapping compiled = Mapping.compile(mapping, "transformation.mapping", input, output);
        Transformer shared = new Transformer() {
            @Override
            public Map<String, Object> apply(Map<String, Object> record) throws TransformationException {
                return compiled.apply(record);
            }
        };
        return () -> shared;
    }
}
