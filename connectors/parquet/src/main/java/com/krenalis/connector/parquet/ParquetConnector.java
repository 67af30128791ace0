package com.krenalis.connector.parquet;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.api.types.ObjectType;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** The Apache Parquet file format, typed by the file's schema; see README.md. */
@Component(service = Connector.class)
public final class ParquetConnector implements Connector, FileFormat {
    static final List<String> CODECS = List.of("SNAPPY", "ZSTD", "GZIP", "LZ4_RAW", "UNCOMPRESSED");

    private static final ConnectorSpec SPEC = new ConnectorSpec("parquet", "Parquet", Set.of(ConnectorKind.FILE_FORMAT),
            "Apache Parquet files, typed by their own schema.", SettingsSpec.of(
            SettingField.choice("compression", "Compression when writing", CODECS).withDefault("SNAPPY")
                    .describedAs("The codec of the files this connector writes; any of them is read.")));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> extensions() {
        return List.of("parquet");
    }

    /** The file's schema, from its footer: no record is read. */
    @Override
    public ObjectType discover(InputStream in, Settings settings) throws ConnectorException {
        try (ParquetFile file = ParquetFile.open(in)) {
            return ParquetTypes.schema(file.schema());
        }
    }

    @Override
    public ReadResult read(InputStream in, Settings settings, RecordSink sink) throws ConnectorException {
        try (ParquetFile file = ParquetFile.open(in)) {
            return new ReadResult(null, file.readInto(sink));
        }
    }

    @Override
    public RecordDestination.RecordWriter openWriter(OutputStream out, Settings settings, ObjectType schema)
            throws ConnectorException {
        return new ParquetRecordWriter(out, schema, settings.requireString("compression"));
    }
}
