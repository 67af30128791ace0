package com.krenalis.connector.s3;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileStorage;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.connector.storage.paths.StoragePath;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Files in an Amazon S3 bucket, or an S3-compatible service's, beneath a key prefix. Keys are the prefix and the
 * path joined with "/". {@link #list} is not recursive: the objects directly under the directory's prefix (with the
 * "/" delimiter), sorted; "directory" marker objects are skipped. {@link #create} buffers to a temporary file and
 * uploads on close. Each operation builds its own client ({@link S3Clients}), closed with the stream it returns.
 *
 * <p>Delayed (the DS default); activation does nothing.
 */
@Component(service = Connector.class)
public final class S3Connector implements Connector, FileStorage {
    static final String BUCKET = "bucket";
    static final String PREFIX = "prefix";
    static final String REGION = "region";
    static final String ACCESS_KEY_ID = "accessKeyId";
    static final String SECRET_ACCESS_KEY = "secretAccessKey";
    static final String ENDPOINT = "endpoint";
    static final String PATH_STYLE = "pathStyle";
    /** The bound on every wait of open, list and create (check has its own). */
    static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(60);

    private static final ConnectorSpec SPEC = new ConnectorSpec("s3", "Amazon S3", Set.of(ConnectorKind.FILE_STORAGE),
            "Reads and writes files in an Amazon S3 bucket, or an S3-compatible service's, beneath a prefix.",
            SettingsSpec.of(
                    SettingField.string(BUCKET, "Bucket").asRequired().maxLength(63)
                            .matching("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", "an S3 bucket name (lower-case letters, "
                                    + "digits, dots and hyphens, 3 to 63 characters)"),
                    SettingField.string(PREFIX, "Prefix")
                            .describedAs("The folder inside the bucket files are read and written beneath, e.g. "
                                    + "exports/daily. Empty: the whole bucket."),
                    SettingField.string(REGION, "Region").asRequired().withDefault("us-east-1")
                            .matching("[a-z0-9-]{2,32}", "an AWS region code such as eu-west-1"),
                    SettingField.string(ACCESS_KEY_ID, "Access key ID")
                            .matching("[A-Za-z0-9+/=_-]{3,128}", "an access key ID, such as AKIA..."),
                    SettingField.secret(SECRET_ACCESS_KEY, "Secret access key")
                            .describedAs("With the access key ID. Both empty: anonymous access, for public buckets."),
                    SettingField.string(ENDPOINT, "Endpoint")
                            .matching("(?i)https?://[^\\s/?#]+/?", "an http:// or https:// URL with no path, for "
                                    + "S3-compatible services (MinIO, Ceph, Cloudflare R2, ...). Empty: Amazon S3."),
                    SettingField.bool(PATH_STYLE, "Path-style access")
                            .describedAs("Address the bucket in the path (host/bucket/key) rather than the host name "
                                    + "(bucket.host/key); most S3-compatible services need it.")));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        List<FieldError> errors = new ArrayList<>();
        boolean id = settings.string(ACCESS_KEY_ID).isPresent();
        boolean secret = settings.string(SECRET_ACCESS_KEY).isPresent();
        if (id && !secret) {
            errors.add(new FieldError(SECRET_ACCESS_KEY, "is required with an access key ID"));
        } else if (secret && !id) {
            errors.add(new FieldError(ACCESS_KEY_ID, "is required with a secret access key"));
        }
        try {
            S3Location.of(settings.requireString(BUCKET), settings.string(PREFIX).orElse(""));
        } catch (ConnectorException e) {
            errors.add(new FieldError(PREFIX, e.getMessage().replace("path refused", "not a usable prefix")));
        }
        settings.string(ENDPOINT).ifPresent(endpoint -> {
            try {
                URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(ENDPOINT, "is not a valid URL"));
            }
        });
        return errors;
    }

    /** Lists at most one object beneath the prefix, within the timeout. */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        List<FieldError> errors = validate(settings);
        if (!errors.isEmpty()) {
            return CheckResult.failed(errors.get(0).field(), errors.get(0).message());
        }
        try (S3Client client = S3Clients.create(settings, timeout)) {
            S3Location location = location(settings);
            client.listObjectsV2(ListObjectsV2Request.builder().bucket(location.bucket())
                    .prefix(location.listPrefix(StoragePath.ROOT)).delimiter("/").maxKeys(1).build());
            return CheckResult.ok("the bucket can be listed" + (location.prefix().isEmpty() ? "" : " beneath the prefix"));
        } catch (SdkException e) {
            String field = S3Errors.field(e, settings.string(ENDPOINT).isPresent());
            return CheckResult.failed(field, "S3 refused or did not answer: " + S3Errors.describe(e) + hint(field));
        } catch (ConnectorException e) {
            return CheckResult.failed(PREFIX, e.getMessage());
        }
    }

    private static String hint(String field) {
        return switch (field) {
            case SECRET_ACCESS_KEY -> "; check the secret access key";
            case ACCESS_KEY_ID -> "; check the access key ID and its permissions on the bucket";
            case BUCKET -> "; check the bucket name";
            case REGION -> "; check the region";
            default -> "; check the endpoint";
        };
    }

    @Override
    public InputStream open(Settings settings, String path) throws ConnectorException {
        StoragePath file = StoragePath.file(path);
        S3Location location = location(settings);
        S3Client client = S3Clients.create(settings, OPERATION_TIMEOUT);
        try {
            InputStream body = client.getObject(GetObjectRequest.builder().bucket(location.bucket())
                    .key(location.key(file)).build());
            return new FilterInputStream(body) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        client.close();
                    }
                }
            };
        } catch (NoSuchKeyException e) {
            client.close();
            throw new ConnectorException("not found: " + file);
        } catch (SdkException e) {
            client.close();
            throw new ConnectorException("could not read " + file + ": " + S3Errors.describe(e));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public List<FileEntry> list(Settings settings, String directory) throws ConnectorException {
        StoragePath dir = StoragePath.directory(directory);
        S3Location location = location(settings);
        String prefix = location.listPrefix(dir);
        List<FileEntry> entries = new ArrayList<>();
        try (S3Client client = S3Clients.create(settings, OPERATION_TIMEOUT)) {
            String token = null;
            do {
                ListObjectsV2Response page = client.listObjectsV2(ListObjectsV2Request.builder()
                        .bucket(location.bucket()).prefix(prefix).delimiter("/").continuationToken(token).build());
                for (S3Object object : page.contents()) {
                    String name = object.key().substring(prefix.length());
                    if (StoragePath.isPlainName(name)) { // skips the directory's own marker ("") and odd keys
                        entries.add(new FileEntry(dir.child(name).toString(), object.size(), object.lastModified()));
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw new ConnectorException("could not list " + (dir.isRoot() ? "the root" : dir) + ": "
                    + S3Errors.describe(e));
        }
        entries.sort(Comparator.comparing(FileEntry::path));
        return entries;
    }

    @Override
    public OutputStream create(Settings settings, String path) throws ConnectorException {
        StoragePath file = StoragePath.file(path);
        S3Location location = location(settings);
        S3Client client = S3Clients.create(settings, OPERATION_TIMEOUT);
        try {
            return S3Upload.start(client, location.bucket(), location.key(file), file);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw new ConnectorException("could not buffer " + file + " for upload (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static S3Location location(Settings settings) throws ConnectorException {
        return S3Location.of(settings.requireString(BUCKET), settings.string(PREFIX).orElse(""));
    }
}
