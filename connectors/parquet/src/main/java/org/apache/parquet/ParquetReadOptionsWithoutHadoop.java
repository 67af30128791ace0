package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options built without Hadoop. {@code ParquetReadOptions.builder()} loads Hadoop classes (its constructor asks
 * {@code ParquetInputFormat}, a Hadoop {@code FileInputFormat}, for a record filter, and Hadoop's codec factory),
 * though reading through an {@code InputFile} needs none. So this class sits in parquet's package, inside the same
 * bundle as parquet's classes, to call the options' package-private constructor with parquet's defaults and our
 * codecs. Its arguments are checked by the compiler against the parquet version in pom.xml; on an upgrade, a changed
 * constructor fails the build, not a read.
 */
public final class ParquetReadOptionsWithoutHadoop {
    private static final int MAX_ALLOCATION = 8 << 20;

    private ParquetReadOptionsWithoutHadoop() {
    }

    public static ParquetReadOptions of(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(
                false, // useSignedStringMinMax
                true, // useStatsFilter
                true, // useDictionaryFilter
                true, // useRecordFilter
                true, // useColumnIndexFilter
                false, // usePageChecksumVerification
                true, // useBloomFilter
                false, // useOffHeapDecryptBuffer
                false, // useHadoopVectoredIo: not a Hadoop stream
                FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(),
                MAX_ALLOCATION, new HashMap<>(), null, null, new PlainParquetConfiguration());
    }
}
