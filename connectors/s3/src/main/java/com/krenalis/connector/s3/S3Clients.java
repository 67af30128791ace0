package com.krenalis.connector.s3;

import com.krenalis.api.settings.Settings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client of one operation from the settings. Every wait is bounded: connecting, each read of the socket
 * (so a stalled download fails too), and each API call as a whole with its retries (a download's body excepted: it is
 * bounded by the socket timeout).
 *
 * <p>The credentials are the access key pair of the settings, or none (anonymous, for public buckets): the SDK's
 * default chain (environment, profiles, instance roles) is deliberately not used, so that a connection never acts
 * with the server's own identity.
 */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client create(Settings settings, Duration timeout) {
        AwsCredentialsProvider credentials = settings.string(S3Connector.ACCESS_KEY_ID)
                .<AwsCredentialsProvider>map(id -> StaticCredentialsProvider.create(AwsBasicCredentials.create(id,
                        settings.string(S3Connector.SECRET_ACCESS_KEY).orElse(""))))
                .orElse(AnonymousCredentialsProvider.create());
        var builder = S3Client.builder()
                .region(Region.of(settings.requireString(S3Connector.REGION)))
                .credentialsProvider(credentials)
                // Checksums only where S3 requires them: the SDK's default adds CRC32 headers and trailers that
                // many S3-compatible services (and older MinIO, Ceph) refuse.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(timeout)
                        .apiCallAttemptTimeout(timeout)
                        .build())
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.bool(S3Connector.PATH_STYLE))
                        .build());
        settings.string(S3Connector.ENDPOINT).ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder.build();
    }
}
