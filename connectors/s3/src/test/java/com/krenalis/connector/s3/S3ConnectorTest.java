package com.krenalis.connector.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.FileStorage.FileEntry;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ConnectorTest {
    static TestS3Server server;
    final S3Connector connector = new S3Connector();

    @BeforeAll
    static void start() throws Exception {
        server = new TestS3Server();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private Settings settings(Map<String, Object> overrides) throws Exception {
        Map<String, Object> raw = S3ConformanceTest.settings(server.endpoint());
        raw.putAll(overrides);
        raw.values().removeIf(v -> v.equals(""));
        return connector.spec().settings().validate(raw);
    }

    @Test
    void aWrongSecretKeyFailsCheckNamingItWithoutEchoingIt() throws Exception {
        String wrong = "wrong-secret-key-9876543210";
        CheckResult result = connector.check(settings(Map.of("secretAccessKey", wrong)), Duration.ofSeconds(10));
        assertFalse(result.ok());
        assertEquals("secretAccessKey", result.field(), result.message());
        assertFalse(result.message().contains(wrong), result.message());
        assertFalse(result.message().contains(TestS3Server.SECRET_KEY), result.message());

        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connector.open(settings(Map.of("secretAccessKey", wrong)), "a.csv"));
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void aMissingBucketFailsCheckNamingBucket() throws Exception {
        CheckResult result = connector.check(settings(Map.of("bucket", "no-such-bucket")), Duration.ofSeconds(10));
        assertFalse(result.ok());
        assertEquals("bucket", result.field(), result.message());
    }

    @Test
    void listIsNotRecursivePagedAndSorted() throws Exception {
        for (int i = 1005; i >= 1; i--) { // more than one page of 1000
            server.put("root/dir/many/f" + String.format("%04d", i) + ".csv", new byte[] {1});
        }
        server.put("root/dir/many/sub/deep.csv", new byte[] {2});
        server.put("root/dir/many/", new byte[0]); // a "folder" marker made by a console
        List<FileEntry> entries = connector.list(settings(Map.of()), "many");
        assertEquals(1005, entries.size());
        assertEquals("many/f0001.csv", entries.get(0).path());
        assertEquals("many/f1005.csv", entries.get(1004).path());
        assertEquals(1L, entries.get(0).size());
        assertTrue(entries.get(0).modified() != null);
    }

    @Test
    void withoutPrefixTheBucketIsTheRoot() throws Exception {
        server.put("top.csv", "top".getBytes(StandardCharsets.UTF_8));
        Settings settings = settings(Map.of("prefix", ""));
        try (InputStream in = connector.open(settings, "top.csv")) {
            assertEquals("top", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(connector.list(settings, "").stream().anyMatch(e -> e.path().equals("top.csv")));
        Settings slashed = settings(Map.of("prefix", "/root/dir/"));
        server.put("root/dir/x.csv", "x".getBytes(StandardCharsets.UTF_8));
        try (InputStream in = connector.open(slashed, "x.csv")) {
            assertEquals("x", new String(in.readAllBytes(), StandardCharsets.UTF_8), "slashes around the prefix are dropped");
        }
    }

    @Test
    void anUploadAppearsOnlyOnClose() throws Exception {
        OutputStream out = connector.create(settings(Map.of()), "up/new.csv");
        out.write("hello".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThrows(ConnectorException.class, () -> connector.open(settings(Map.of()), "up/new.csv"));
        out.close();
        assertEquals(5L, server.blobs.blobMetadata(TestS3Server.BUCKET, "root/dir/up/new.csv").getSize());
    }

    @Test
    void settingsRelations() throws Exception {
        assertEquals(List.of("secretAccessKey"), connector.validate(settings(Map.of("secretAccessKey", "")))
                .stream().map(FieldError::field).toList());
        assertEquals(List.of("prefix"), connector.validate(settings(Map.of("prefix", "a/../b")))
                .stream().map(FieldError::field).toList());
        assertEquals(List.of(), connector.validate(settings(Map.of("accessKeyId", "", "secretAccessKey", ""))),
                "no keys: anonymous access");
    }
}
