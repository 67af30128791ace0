package com.krenalis.core.internal.mapping;

import com.krenalis.api.settings.FieldError;
import java.util.List;
import java.util.Map;

/**
 * What a mapping made of one record.
 *
 * @param values the output properties that have a value and fit their type, in schema order, as JSON-like values;
 *               properties whose value is null are absent
 * @param errors one per output property that failed (field: its path, such as {@code email}, {@code address.city} or
 *               {@code tags[2]}); a record with errors fails as a whole, {@code values} then only help to show it
 */
public record MappingResult(Map<String, Object> values, List<FieldError> errors) {
    public MappingResult {
        errors = List.copyOf(errors);
    }

    public boolean failed() {
        return !errors.isEmpty();
    }
}
