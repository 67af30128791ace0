package com.krenalis.connector.s3;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What went wrong with an S3 call, in words, and which setting to look at. Built from the error code and status only:
 * the SDK's messages carry request ids and, for signature errors, the string that was signed, which a user need not
 * see. Secrets never appear in either.
 */
final class S3Errors {
    private S3Errors() {
    }

    static String code(SdkException e) {
        return e instanceof S3Exception s3 && s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null
                ? s3.awsErrorDetails().errorCode() : "";
    }

    static int status(SdkException e) {
        return e instanceof S3Exception s3 ? s3.statusCode() : 0;
    }

    static String describe(SdkException e) {
        String code = code(e);
        if (!code.isEmpty()) {
            return code + " (HTTP " + status(e) + ")";
        }
        if (e instanceof S3Exception) {
            return "HTTP " + status(e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "no answer within the timeout";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.getClass().getSimpleName() : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The setting most likely at fault for a failed call. */
    static String field(SdkException e, boolean endpointSet) {
        return switch (code(e)) {
            case "SignatureDoesNotMatch" -> S3Connector.SECRET_ACCESS_KEY;
            case "InvalidAccessKeyId", "AccessDenied", "InvalidToken", "ExpiredToken" -> S3Connector.ACCESS_KEY_ID;
            case "NoSuchBucket", "InvalidBucketName" -> S3Connector.BUCKET;
            case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException" -> S3Connector.REGION;
            default -> e instanceof S3Exception ? S3Connector.BUCKET : endpointSet ? S3Connector.ENDPOINT : S3Connector.REGION;
        };
    }
}
