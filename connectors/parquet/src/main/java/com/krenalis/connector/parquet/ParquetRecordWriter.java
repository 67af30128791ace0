package com.krenalis.connector.parquet;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.types.ObjectType;
import com.krenalis.connector.format.support.Spool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes records into a Parquet file spooled in {@code java.io.tmpdir}, then, on {@link #commit}, copies the file into
 * the stream (a Parquet file is complete only once its footer is written). A writer commits once; closing without
 * commit writes nothing. The schema is derived from the records' {@link ObjectType} ({@link WriteSchema}).
 */
final class ParquetRecordWriter implements RecordDestination.RecordWriter {
    private final OutputStream out;
    private final Spool spool;
    private final ParquetWriter<Map<String, Object>> writer;
    private boolean done;

    ParquetRecordWriter(OutputStream out, ObjectType schema, String codec) throws ConnectorException {
        this.out = out;
        WriteSchema columns = new WriteSchema(schema);
        this.spool = Spool.create(".parquet");
        try {
            this.writer = new Builder(new LocalOutputFile(spool.file()), columns).withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new Codecs()).withCompressionCodec(CompressionCodecName.valueOf(codec))
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw new ConnectorException("cannot create the Parquet file: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Map<String, Object> record) throws ConnectorException {
        if (done) {
            throw new ConnectorException("the Parquet file is already written: a Parquet writer commits once");
        }
        try {
            writer.write(record);
        } catch (WriteSchema.BadValue e) {
            throw new ConnectorException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ConnectorException("cannot write a record: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws ConnectorException {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
            Files.copy(spool.file(), out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            throw new ConnectorException("cannot write the Parquet file: " + e.getMessage(), e);
        } finally {
            spool.close();
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                // nothing was committed: the file is discarded anyway
            }
        }
        spool.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Map<String, Object>, Builder> {
        private final WriteSchema columns;

        Builder(LocalOutputFile file, WriteSchema columns) {
            super(file);
            this.columns = columns;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Map<String, Object>> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new Support(columns);
        }

        @Override
        protected WriteSupport<Map<String, Object>> getWriteSupport(ParquetConfiguration conf) {
            return new Support(columns);
        }
    }

    private static final class Support extends WriteSupport<Map<String, Object>> {
        private final WriteSchema columns;
        private RecordConsumer consumer;

        Support(WriteSchema columns) {
            this.columns = columns;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(columns.message(), Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(columns.message(), Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Map<String, Object> record) {
            columns.write(consumer, record);
        }
    }
}
