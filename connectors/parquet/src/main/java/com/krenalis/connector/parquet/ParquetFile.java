package com.krenalis.connector.parquet;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.connector.format.support.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.parquet.ParquetReadOptionsWithoutHadoop;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file opened for reading. Parquet needs random access (its footer is at the end), so the stream is spooled
 * to a temporary file, deleted on close, and read through parquet's own {@link LocalInputFile} with our codecs: no
 * Hadoop. Row groups are read one at a time; records one at a time from each.
 */
final class ParquetFile implements AutoCloseable {
    private final Spool spool;
    private final ParquetFileReader reader;

    private ParquetFile(Spool spool, ParquetFileReader reader) {
        this.spool = spool;
        this.reader = reader;
    }

    static ParquetFile open(InputStream in) throws ConnectorException {
        Spool spool = Spool.of(in, ".parquet");
        try {
            return new ParquetFile(spool, new ParquetFileReader(new LocalInputFile(spool.file()),
                    ParquetReadOptionsWithoutHadoop.of(new Codecs())));
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw new ConnectorException("not a Parquet file: " + reason(e), e);
        }
    }

    MessageType schema() {
        return reader.getFooter().getFileMetaData().getSchema();
    }

    long rowCount() {
        return reader.getRecordCount();
    }

    /**
     * Delivers the records ({@code record N}, 1-based) and rejects those holding a value their type cannot hold. A
     * file that breaks past its footer (a corrupt page) is one rejection at the record where it broke, and the end.
     */
    long readInto(RecordSink sink) {
        MessageType schema = schema();
        RowMaterializer rows = new RowMaterializer(schema);
        ColumnIOFactory columns = new ColumnIOFactory();
        long n = 0;
        sink.total(rowCount()); // the footer knows: the run shows its percent while it reads
        try {
            for (PageReadStore pages; (pages = reader.readNextRowGroup()) != null; ) {
                RecordReader<Map<String, Object>> records = columns.getColumnIO(schema).getRecordReader(pages, rows);
                for (long i = 0; i < pages.getRowCount(); i++) {
                    if (sink.cancelled()) {
                        return -1;
                    }
                    n++;
                    Map<String, Object> row = records.read();
                    if (rows.error() != null) {
                        sink.reject("record " + n, rows.error());
                    } else {
                        sink.accept(new SourceRecord("record " + n, null, row));
                    }
                }
            }
            return n;
        } catch (IOException | RuntimeException e) {
            sink.reject("record " + (n + 1), "cannot read the rest of the file: " + reason(e));
            return n + 1;
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // a read-only file: nothing is lost
        } finally {
            spool.close();
        }
    }
}
