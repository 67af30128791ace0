package com.krenalis.connector.json;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** The JSON file format: an array of objects, or NDJSON; see README.md for the layouts and the inferred types. */
@Component(service = Connector.class)
public final class JsonConnector implements Connector, FileFormat {
    /** How many records discover looks at. */
    static final int SAMPLE = 1000;

    private static final ConnectorSpec SPEC = new ConnectorSpec("json", "JSON", Set.of(ConnectorKind.FILE_FORMAT),
            "JSON files holding an array of objects, or one object per line (NDJSON, JSON Lines).", JsonLayout.SETTINGS);

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> extensions() {
        return List.of("json", "ndjson", "jsonl");
    }

    /** The keys of the first {@value #SAMPLE} records, typed by their values. */
    @Override
    public ObjectType discover(InputStream in, Settings settings) throws ConnectorException {
        JsonSchemaSample sample = new JsonSchemaSample(SAMPLE);
        JsonRecords.visit(in, JsonLayout.of(settings), sample);
        return sample.schema();
    }

    @Override
    public ReadResult read(InputStream in, Settings settings, RecordSink sink) throws ConnectorException {
        long total = JsonRecords.visit(in, JsonLayout.of(settings), new JsonRecords.Visitor() {
            @Override
            public void record(String position, Map<String, Object> properties) {
                sink.accept(new SourceRecord(position, null, properties));
            }

            @Override
            public void malformed(String position, String message) {
                sink.reject(position, message);
            }

            @Override
            public boolean stop() {
                return sink.cancelled();
            }
        });
        return new ReadResult(null, sink.cancelled() ? -1 : total);
    }

    @Override
    public RecordDestination.RecordWriter openWriter(OutputStream out, Settings settings, ObjectType schema)
            throws ConnectorException {
        return new JsonWriter(out, JsonLayout.forWriting(settings), schema);
    }
}
