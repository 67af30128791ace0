package com.krenalis.connector.excel;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.api.types.ObjectType;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** The Excel (.xlsx) file format, read with POI's streaming (SAX) API; see README.md. */
@Component(service = Connector.class)
public final class ExcelConnector implements Connector, FileFormat {
    /** How many rows discover looks at. */
    static final int SAMPLE = 1000;

    private static final ConnectorSpec SPEC = new ConnectorSpec("excel", "Excel", Set.of(ConnectorKind.FILE_FORMAT),
            "Excel workbooks (.xlsx): one sheet, its first row naming the columns.", SettingsSpec.of(
            SettingField.string("sheet", "Sheet").maxLength(31)
                    .matching("[^\\[\\]:*?/\\\\]+", "a sheet name: none of the characters [ ] : * ? / \\")
                    .describedAs("The name of the sheet to read or write; by default the first sheet (Sheet1 when writing)."),
            SettingField.bool("header", "First row is a header").withDefault(true)
                    .describedAs("The first row names the columns; without it they are named by their letters (A, B...).")));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> extensions() {
        return List.of("xlsx");
    }

    @Override
    public ObjectType discover(InputStream in, Settings settings) throws ConnectorException {
        SheetSchemaSample sample = new SheetSchemaSample(SAMPLE);
        parse(in, settings, sample);
        return sample.schema();
    }

    @Override
    public ReadResult read(InputStream in, Settings settings, RecordSink sink) throws ConnectorException {
        long[] count = {0};
        parse(in, settings, new SheetRecords.Records() {
            @Override
            public void header(List<String> columns) {
            }

            @Override
            public void record(String position, Map<String, Object> properties, List<Cell> cells) {
                count[0]++;
                sink.accept(new SourceRecord(position, null, properties));
            }

            @Override
            public void malformed(String position, String message) {
                count[0]++;
                sink.reject(position, message);
            }

            @Override
            public boolean stop() {
                return sink.cancelled();
            }
        });
        return new ReadResult(null, sink.cancelled() ? -1 : count[0]);
    }

    private void parse(InputStream in, Settings settings, SheetRecords.Records records) throws ConnectorException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // XMLBeans and POI look up some classes through the context class loader: let them find the embedded ones
        Thread.currentThread().setContextClassLoader(ExcelConnector.class.getClassLoader());
        try (Workbook workbook = Workbook.open(in)) {
            workbook.parse(settings.string("sheet").orElse(null), new SheetRecords(settings.bool("header"), records));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Override
    public RecordDestination.RecordWriter openWriter(OutputStream out, Settings settings, ObjectType schema)
            throws ConnectorException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ExcelConnector.class.getClassLoader());
        try {
            return new ExcelWriter(out, settings.string("sheet").orElse("Sheet1"), settings.bool("header"), schema);
        } catch (RuntimeException e) {
            throw new ConnectorException("cannot create the workbook: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
