package com.krenalis.connector.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes records as JSON objects, the schema's properties in order (nulls included), either as one array or one
 * object per line. Decimals are written in plain notation. The caller's stream is flushed, never closed; an array is
 * closed by {@link #close}.
 */
final class JsonWriter implements RecordDestination.RecordWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final JsonGenerator generator;
    private final JsonLayout layout;
    private final List<String> columns;

    JsonWriter(OutputStream out, JsonLayout layout, ObjectType schema) throws ConnectorException {
        this.layout = layout;
        this.columns = schema.properties().stream().map(Property::name).toList();
        try {
            generator = FACTORY.createGenerator(out);
            generator.setPrettyPrinter(new OneRecordPerLine());
            if (layout == JsonLayout.ARRAY) {
                generator.writeStartArray();
                generator.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new ConnectorException("cannot write the JSON file: " + e.getMessage(), e);
        }
    }

    /** Compact JSON, with each element of the top-level array (each record, in the array layout) on a line of its own. */
    private static final class OneRecordPerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        OneRecordPerLine() {
            super(""); // no separator between root values: NDJSON lines end with the writer's own '\n'
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            boolean topLevel = g.getOutputContext().getParent() != null && g.getOutputContext().getParent().inRoot();
            g.writeRaw(topLevel ? ",\n" : ",");
        }
    }

    @Override
    public void write(Map<String, Object> record) throws ConnectorException {
        try {
            generator.writeStartObject();
            for (String column : columns) {
                generator.writeFieldName(column);
                JsonValues.write(generator, record.get(column));
            }
            generator.writeEndObject();
            if (layout == JsonLayout.NDJSON) {
                generator.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new ConnectorException("cannot write a JSON record: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws ConnectorException {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new ConnectorException("cannot write the JSON file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws ConnectorException {
        try {
            if (layout == JsonLayout.ARRAY && !generator.isClosed()) {
                generator.writeRaw('\n');
                generator.writeEndArray();
                generator.writeRaw('\n');
            }
            generator.close();
        } catch (IOException e) {
            throw new ConnectorException("cannot write the JSON file: " + e.getMessage(), e);
        }
    }
}
