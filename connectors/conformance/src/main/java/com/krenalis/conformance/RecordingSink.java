package com.krenalis.conformance;

import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given; optionally asks to stop after a number of records. */
public final class RecordingSink implements RecordSink {
    /** A record the source rejected. */
    public record Rejection(String key, String message) {
    }

    private final List<SourceRecord> records = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final int cancelAfter;

    public RecordingSink() {
        this(Integer.MAX_VALUE);
    }

    /** A sink whose {@link #cancelled()} turns true once it holds {@code cancelAfter} records. */
    public RecordingSink(int cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    @Override
    public synchronized void accept(SourceRecord record) {
        records.add(record);
    }

    @Override
    public synchronized void reject(String recordKey, String message) {
        rejections.add(new Rejection(recordKey, message));
    }

    @Override
    public synchronized boolean cancelled() {
        return records.size() >= cancelAfter;
    }

    public synchronized List<SourceRecord> records() {
        return List.copyOf(records);
    }

    public synchronized List<Rejection> rejections() {
        return List.copyOf(rejections);
    }
}
