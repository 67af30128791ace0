package com.krenalis.connector.csv;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.connector.format.support.ValueText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes records as CSV rows, one column per schema property in order, under a header when the dialect has one.
 * Values are written as {@link ValueText} (ISO times, plain decimals, JSON for maps and lists); null is an empty cell,
 * and so is an empty string, which therefore reads back as null. The caller's stream is flushed, never closed.
 */
final class CsvWriter implements RecordDestination.RecordWriter {
    private final CSVPrinter printer;
    private final List<String> columns;

    CsvWriter(OutputStream out, CsvDialect dialect, ObjectType schema) throws ConnectorException {
        columns = schema.properties().stream().map(Property::name).toList();
        try {
            printer = new CSVPrinter(new OutputStreamWriter(out, dialect.charset()), dialect.writeFormat());
            if (dialect.header()) {
                printer.printRecord(columns);
            }
        } catch (IOException e) {
            throw new ConnectorException("cannot write the CSV header: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Map<String, Object> record) throws ConnectorException {
        try {
            for (String column : columns) {
                printer.print(ValueText.of(record.get(column)));
            }
            printer.println();
        } catch (IOException e) {
            throw new ConnectorException("cannot write a CSV row: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws ConnectorException {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new ConnectorException("cannot write the CSV file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws ConnectorException {
        commit();
    }
}
