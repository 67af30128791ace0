package com.krenalis.connector.csv;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** The CSV file format: every column is a string; see README.md for the settings and the column names. */
@Component(service = Connector.class)
public final class CsvConnector implements Connector, FileFormat {
    private static final ConnectorSpec SPEC = new ConnectorSpec("csv", "CSV", Set.of(ConnectorKind.FILE_FORMAT),
            "Comma-separated (or semicolon, tab, pipe) text files, with or without a header line.", CsvDialect.SETTINGS);

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        CsvDialect dialect = CsvDialect.of(settings);
        if (dialect.quote() == dialect.delimiter()) {
            return List.of(new FieldError("quote", "must differ from the delimiter"));
        }
        return List.of();
    }

    @Override
    public List<String> extensions() {
        return List.of("csv", "tsv", "txt");
    }

    /** The columns of the header line (or of the first line, numbered, without header), all strings. */
    @Override
    public ObjectType discover(InputStream in, Settings settings) throws ConnectorException {
        try (CsvRecords records = new CsvRecords(in, CsvDialect.of(settings))) {
            return Type.object(records.columns().stream().map(c -> Property.of(c, Type.string())).toList());
        }
    }

    @Override
    public ReadResult read(InputStream in, Settings settings, RecordSink sink) throws ConnectorException {
        try (CsvRecords records = new CsvRecords(in, CsvDialect.of(settings))) {
            return records.readInto(sink);
        }
    }

    @Override
    public RecordDestination.RecordWriter openWriter(OutputStream out, Settings settings, ObjectType schema)
            throws ConnectorException {
        return new CsvWriter(out, CsvDialect.of(settings), schema);
    }
}
