package com.krenalis.core.internal.testing;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file format ({@code test-lines}) for the core's tests: a header line, then lines of cells split on the
 * {@code separator} setting (default comma), every cell text; a line with another number of cells is rejected.
 */
public final class TestLinesFormat implements Connector, FileFormat {
    private static final ConnectorSpec SPEC = new ConnectorSpec("test-lines", "Test lines", Set.of(ConnectorKind.FILE_FORMAT),
            "Separated lines", SettingsSpec.of(SettingField.string("separator", "Separator").withDefault(",").maxLength(1)));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> extensions() {
        return List.of("txt");
    }

    private static String[] header(BufferedReader in, Settings settings) throws IOException, ConnectorException {
        String line = in.readLine();
        if (line == null) {
            throw new ConnectorException("the file is empty: a header line was expected");
        }
        return line.split(java.util.regex.Pattern.quote(settings.requireString("separator")), -1);
    }

    @Override
    public ObjectType discover(InputStream stream, Settings settings) throws ConnectorException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            List<Property> properties = new ArrayList<>();
            for (String name : header(in, settings)) {
                properties.add(Property.of(name, Type.string()));
            }
            return Type.object(properties);
        } catch (IOException e) {
            throw new ConnectorException("cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public ReadResult read(InputStream stream, Settings settings, RecordSink sink) throws ConnectorException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String[] names = header(in, settings);
            String line;
            int number = 1;
            long count = 0;
            while ((line = in.readLine()) != null && !sink.cancelled()) {
                number++;
                String[] cells = line.split(java.util.regex.Pattern.quote(settings.requireString("separator")), -1);
                if (cells.length != names.length) {
                    sink.reject("line " + number, names.length + " cells expected, " + cells.length + " found");
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < names.length; i++) {
                    values.put(names[i], cells[i].isEmpty() ? null : cells[i]);
                }
                sink.accept(new SourceRecord("line " + number, null, values));
                count++;
            }
            return new ReadResult(null, count);
        } catch (IOException e) {
            throw new ConnectorException("cannot read: " + e.getMessage(), e);
        }
    }
}
