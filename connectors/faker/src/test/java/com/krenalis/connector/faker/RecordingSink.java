package com.krenalis.connector.faker;

import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it receives, and reports itself cancelled once it holds {@code cancelAfter} records. */
final class RecordingSink implements RecordSink {
    final List<SourceRecord> records = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    /** The total the source announced, and how many records it had delivered then; -1 until it does. */
    long total = -1;
    long deliveredWhenTotalCame = -1;

    @Override
    public void total(long records) {
        total = records;
        deliveredWhenTotalCame = this.records.size();
    }
    private final long cancelAfter;

    RecordingSink() {
        this(Long.MAX_VALUE);
    }

    RecordingSink(long cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    @Override
    public void accept(SourceRecord record) {
        records.add(record);
    }

    @Override
    public void reject(String recordKey, String message) {
        rejected.add(recordKey + ": " + message);
    }

    @Override
    public boolean cancelled() {
        return records.size() >= cancelAfter;
    }

    List<String> ids() {
        return records.stream().map(SourceRecord::id).toList();
    }
}
