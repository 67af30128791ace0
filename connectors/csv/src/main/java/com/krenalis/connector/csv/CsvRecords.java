package com.krenalis.connector.csv;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.connector.format.support.ColumnNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One pass over a CSV file: the header, then the records one at a time. Only the current record is in memory.
 *
 * <p>A record's position is the line it starts on (a quoted cell may span lines). A record with another number of
 * cells than the header is rejected; so is the rest of the file after a quote that is never closed, which the parser
 * cannot get past.
 */
final class CsvRecords implements AutoCloseable {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    private long nextLine = 1;
    private long startLine;
    private CSVRecord first;

    CsvRecords(InputStream in, CsvDialect dialect) throws ConnectorException {
        try {
            parser = CSVParser.builder().setReader(dialect.reader(in)).setFormat(dialect.readFormat()).get();
            records = parser.iterator();
            first = next();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ConnectorException("cannot read the CSV header: " + message(e), e);
        }
        if (first == null) {
            columns = List.of();
        } else if (dialect.header()) {
            columns = ColumnNames.of(first.toList());
            first = null;
        } else {
            columns = ColumnNames.numbered(first.size());
        }
    }

    /** The property names of the columns, from the header or numbered. */
    List<String> columns() {
        return columns;
    }

    ReadResult readInto(RecordSink sink) {
        long count = 0;
        while (!sink.cancelled()) {
            CSVRecord record;
            try {
                record = first != null ? first : next();
                first = null;
            } catch (UncheckedIOException | IllegalStateException e) {
                sink.reject("line " + startLine, "cannot read the rest of the file: " + message(e));
                return new ReadResult(null, count + 1);
            }
            if (record == null) {
                return new ReadResult(null, count);
            }
            count++;
            String position = "line " + startLine;
            if (record.size() != columns.size()) {
                sink.reject(position, "expected " + columns.size() + " cells, found " + record.size());
                continue;
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                properties.put(columns.get(i), record.get(i));
            }
            sink.accept(new SourceRecord(position, null, properties));
        }
        return new ReadResult(null, -1);
    }

    /** The next record that is not an empty line, or null at the end; notes the line it starts on. */
    private CSVRecord next() {
        while (true) {
            startLine = nextLine;
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            nextLine = parser.getCurrentLineNumber() + 1;
            if (record.size() == 1 && record.get(0) == null) {
                continue; // an empty line
            }
            return record;
        }
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // the stream belongs to the caller, who closes it; nothing was written
        }
    }
}
