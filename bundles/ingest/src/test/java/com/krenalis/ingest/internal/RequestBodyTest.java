package com.krenalis.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void plainAndGzipBodiesAreRead() throws IOException {
        byte[] json = "{\"batch\":[]}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(json, RequestBody.read(new ByteArrayInputStream(json), null, 1000));
        assertArrayEquals(json, RequestBody.read(new ByteArrayInputStream(gzip(json)), "gzip", 1000));
        assertArrayEquals(json, RequestBody.read(new ByteArrayInputStream(gzip(json)), " GZIP ", 1000));
    }

    @Test
    void aGzipBombStopsAtTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[50 * 1024 * 1024]); // 50 MB of zeros: about 50 KB compressed
        CollectorError e = assertThrows(CollectorError.class, () -> RequestBody.read(new ByteArrayInputStream(bomb), "gzip", 512_000));
        assertEquals(413, e.status());
    }

    @Test
    void anOversizedPlainBodyIs413() {
        CollectorError e = assertThrows(CollectorError.class, () -> RequestBody.read(new ByteArrayInputStream(new byte[1001]), "", 1000));
        assertEquals(413, e.status());
    }

    @Test
    void corruptGzipIs400AndUnknownEncodingsAre415() {
        assertEquals(400, assertThrows(CollectorError.class,
                () -> RequestBody.read(new ByteArrayInputStream("not gzip".getBytes()), "gzip", 1000)).status());
        assertEquals(415, assertThrows(CollectorError.class,
                () -> RequestBody.read(new ByteArrayInputStream(new byte[1]), "br", 1000)).status());
    }
}
