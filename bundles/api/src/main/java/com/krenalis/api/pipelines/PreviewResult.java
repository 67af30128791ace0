package com.krenalis.api.pipelines;

import java.util.List;
import java.util.Map;

/**
 * What a transformation makes of one sample record.
 *
 * @param output  the output record, converted to the target schema; null when the record was dropped or failed
 * @param dropped whether the transformation dropped the record (a function returned null)
 * @param errors  the errors, each naming the step and, where there is one, the property; empty on success
 */
public record PreviewResult(Map<String, Object> output, boolean dropped, List<String> errors) {
    public PreviewResult {
        errors = List.copyOf(errors);
    }
}
