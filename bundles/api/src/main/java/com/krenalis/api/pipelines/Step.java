package com.krenalis.api.pipelines;

import java.util.Locale;

/** The steps every record goes through, in order; each is counted, and a record failing one is kept as an error. */
public enum Step {
    RECEIVE, INPUT_VALIDATION, FILTER, TRANSFORMATION, OUTPUT_VALIDATION, WRITE;

    /** The JSON name ({@code input_validation}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
