package com.krenalis.connector.s3;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server in the test's JVM: S3Proxy (Jetty) over jclouds' in-memory "transient" blob store, on an
 * ephemeral loopback port, checking AWS signatures against one access key pair.
 */
final class TestS3Server implements AutoCloseable {
    static final String ACCESS_KEY = "AKIAKRENALISTEST";
    static final String SECRET_KEY = "krenalis-test-secret-key-0123456789";
    static final String BUCKET = "imports";

    final BlobStoreContext context;
    final BlobStore blobs;
    final S3Proxy proxy;

    TestS3Server() throws Exception {
        context = ContextBuilder.newBuilder("transient").overrides(new Properties()).build(BlobStoreContext.class);
        blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    void put(String key, byte[] content) {
        blobs.putBlob(BUCKET, blobs.blobBuilder(key).payload(content).contentLength(content.length).build());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
