package com.krenalis.ingest.internal.protocol;

/**
 * Size limits of the collector protocol. The defaults are Segment's: 32 KB per event, 500 KB per request.
 *
 * @param maxEventBytes   the largest event, as compact JSON after the batch context is merged in, before enrichment
 * @param maxRequestBytes the largest request body, after decompression (the caller enforces it while inflating)
 * @param maxDepth        the deepest nesting of objects and arrays in a body, the outermost counting as 1
 */
public record Limits(int maxEventBytes, int maxRequestBytes, int maxDepth) {
    public static final Limits DEFAULT = new Limits(32 * 1024, 500 * 1024, 64);

    public Limits {
        if (maxEventBytes <= 0 || maxRequestBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (maxDepth < 3) {
            // A batch needs three levels: the batch object, its array and the event.
            throw new IllegalArgumentException("maxDepth must be at least 3, not " + maxDepth);
        }
    }
}
