package com.krenalis.connector.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's page codecs in pure Java, without Hadoop or native libraries: SNAPPY, ZSTD and LZ4_RAW from aircompressor,
 * GZIP from java.util.zip, and UNCOMPRESSED. Parquet's own codec factory goes through Hadoop's codec classes, and
 * snappy-java and zstd-jni unpack native libraries at run time, which a hot-deployed bundle should not rely on. Other
 * codecs (LZO, BROTLI, the old Hadoop LZ4) are an IOException naming the codec.
 */
final class Codecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] in = bytes.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(in);
                    case GZIP -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 16);
                        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                            gzip.write(in);
                        }
                        yield BytesInput.from(out.toByteArray());
                    }
                    default -> {
                        Compressor c = compressor(codec);
                        byte[] out = new byte[c.maxCompressedLength(in.length)];
                        int n = c.compress(in, 0, in.length, out, 0, out.length);
                        yield BytesInput.from(out, 0, n);
                    }
                };
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                byte[] in = bytes.toByteArray();
                byte[] out = new byte[uncompressedSize];
                if (codec == CompressionCodecName.GZIP) {
                    try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
                        int n = gzip.readNBytes(out, 0, uncompressedSize);
                        if (n != uncompressedSize) {
                            throw new IOException("a GZIP page holds " + n + " bytes, not " + uncompressedSize);
                        }
                    }
                    return BytesInput.from(out);
                }
                int n;
                try {
                    n = decompressor(codec).decompress(in, 0, in.length, out, 0, out.length);
                } catch (RuntimeException e) { // aircompressor's MalformedInputException and bounds errors
                    throw new IOException("a " + codec + " page does not decompress: " + e.getMessage(), e);
                }
                if (n != uncompressedSize) {
                    throw new IOException("a " + codec + " page holds " + n + " bytes, not " + uncompressedSize);
                }
                return BytesInput.from(out);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(decompress(BytesInput.from(in), uncompressedSize).toByteBuffer());
            }

            @Override
            public void release() {
            }
        };
    }

    private static Compressor compressor(CompressionCodecName codec) throws IOException {
        return switch (codec) {
            case SNAPPY -> new SnappyCompressor();
            case ZSTD -> new ZstdCompressor();
            case LZ4_RAW -> new Lz4Compressor();
            default -> throw new IOException("the " + codec + " codec is not supported");
        };
    }

    private static Decompressor decompressor(CompressionCodecName codec) throws IOException {
        return switch (codec) {
            case SNAPPY -> new SnappyDecompressor();
            case ZSTD -> new ZstdDecompressor();
            case LZ4_RAW -> new Lz4Decompressor();
            default -> throw new IOException("the " + codec + " codec is not supported");
        };
    }

    @Override
    public void release() {
    }
}
