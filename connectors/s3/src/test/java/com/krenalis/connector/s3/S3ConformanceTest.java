package com.krenalis.connector.s3;

import com.krenalis.api.connector.Connector;
import com.krenalis.conformance.FileStorageConformance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared suite against S3Proxy, with a prefix so that "the root" is a folder inside the bucket. */
class S3ConformanceTest extends FileStorageConformance {
    static TestS3Server server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestS3Server();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Map<String, Object> settings(String endpoint) {
        Map<String, Object> settings = new HashMap<>(Map.of("bucket", TestS3Server.BUCKET, "prefix", "root/dir",
                "region", "us-east-1", "accessKeyId", TestS3Server.ACCESS_KEY,
                "secretAccessKey", TestS3Server.SECRET_KEY, "pathStyle", true));
        settings.put("endpoint", endpoint);
        return settings;
    }

    @Override
    protected Connector connector() {
        return new S3Connector();
    }

    @Override
    protected Map<String, Object> settings() {
        return settings(server.endpoint());
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return settings("http://127.0.0.1:" + socket.getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        Map<String, Object> settings = settings(server.endpoint());
        settings.put("bucket", "Not_A_Bucket");
        return settings;
    }

    @Override
    protected String invalidField() {
        return "bucket";
    }

    @Override
    protected void put(String path, byte[] content) {
        server.put("root/dir/" + path, content);
    }
}
