package com.krenalis.connector.s3;

import com.krenalis.connector.storage.paths.StoragePath;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A file being written: buffered in a temporary file on the server's disk (memory stays bounded), then uploaded with
 * one PutObject on close. An S3 object appears whole or not at all, so readers never see half of it. One PutObject
 * takes up to 5 GiB; multipart upload for larger files is not implemented.
 */
final class S3Upload extends FilterOutputStream {
    private final S3Client client;
    private final Path buffer;
    private final String bucket;
    private final String key;
    private final StoragePath path;
    private boolean closed;

    private S3Upload(S3Client client, Path buffer, String bucket, String key, StoragePath path) throws IOException {
        super(Files.newOutputStream(buffer));
        this.client = client;
        this.buffer = buffer;
        this.bucket = bucket;
        this.key = key;
        this.path = path;
    }

    static S3Upload start(S3Client client, String bucket, String key, StoragePath path) throws IOException {
        Path buffer = Files.createTempFile("krenalis-s3-upload-", ".part");
        try {
            return new S3Upload(client, buffer, bucket, key, path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(buffer);
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(buffer));
        } catch (SdkException e) {
            throw new IOException("could not upload " + path + ": " + S3Errors.describe(e), e);
        } finally {
            Files.deleteIfExists(buffer);
            client.close();
        }
    }
}
