package com.krenalis.ingest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a collector request body: decoded by its Content-Encoding whatever its Content-Type says (RudderStack's Node
 * SDK sends gzip labelled as a form), with or without Content-Length (chunked), never more than the limit, so that
 * neither a huge body nor a gzip bomb can exhaust memory.
 */
final class RequestBody {
    private RequestBody() {
    }

    /**
     * @param maxBytes the largest body accepted, after decompression
     * @throws CollectorError 413 when larger, 400 when the encoding is unknown or the compressed data is corrupt
     */
    static byte[] read(InputStream raw, String contentEncoding, int maxBytes) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        try (InputStream in = decoder(raw, encoding)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
            byte[] buf = new byte[16 * 1024];
            int total = 0;
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw new CollectorError(413, "payload_too_large",
                            "the request body is larger than " + maxBytes + " bytes" + (encoding.equals("identity") ? "" : " once decompressed"));
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new CollectorError(400, "invalid_encoding", "the body is not valid " + encoding + " data");
        } catch (IOException e) {
            throw new CollectorError(400, "invalid_body", "the request body could not be read: " + e.getMessage());
        }
    }

    private static InputStream decoder(InputStream raw, String encoding) throws IOException {
        return switch (encoding) {
            case "", "identity" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 16 * 1024);
            case "deflate" -> new InflaterInputStream(raw);
            default -> throw new CollectorError(415, "unsupported_encoding",
                    "Content-Encoding " + encoding + " is not supported (use gzip, deflate or none)");
        };
    }
}
