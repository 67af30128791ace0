package com.krenalis.core.internal.pipelines;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.types.ObjectType;
import java.util.Map;
import java.util.function.Supplier;

/** Visual mappings as transformers. */
final class MappingTransformers {
    private MappingTransformers() {
    }

    static Supplier<Transformer> compile(Map<String, String> mapping, ObjectType input, ObjectType output) {
        throw new InvalidInputException("transformation.kind", "mapping is not available yet");
    }
}
