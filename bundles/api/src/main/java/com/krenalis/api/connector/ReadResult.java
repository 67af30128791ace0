package com.krenalis.api.connector;

/**
 * The end of a read.
 *
 * @param cursor the position to resume from in the next incremental read, or null when the source has no cursor
 * @param total  how many records the source reported in all, or -1 when unknown
 */
public record ReadResult(String cursor, long total) {
}
