package com.krenalis.core.internal.testing;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.api.types.ObjectType;
import java.util.List;
import java.util.Set;

/**
 * A record source whose schema and records the test sets, standing for a database whose table changes between runs.
 */
public final class TestRecordSource implements Connector, RecordSource {
    private static final ConnectorSpec SPEC = new ConnectorSpec("test-records", "Test records", Set.of(ConnectorKind.DATABASE),
            "Records a test sets", SettingsSpec.of(),
            SettingsSpec.of(com.krenalis.api.settings.SettingField.string("table", "Table")));
    public volatile ObjectType schema;
    public volatile List<SourceRecord> records = List.of();
    /** When set, discovery fails with it, as a database that cannot be reached. */
    public volatile String unavailable;
    /** The last read's request. */
    public volatile ReadRequest lastRequest;

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectType discover(Settings settings) throws com.krenalis.api.connector.ConnectorException {
        if (unavailable != null) {
            throw new com.krenalis.api.connector.ConnectorException(unavailable);
        }
        return schema;
    }

    @Override
    public ReadResult read(ReadRequest request, RecordSink sink) {
        lastRequest = request;
        for (SourceRecord r : records) {
            sink.accept(r);
        }
        return new ReadResult(null, records.size());
    }
}
