package com.krenalis.connector.s3;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.connector.storage.paths.StoragePath;

/**
 * The root of a storage in S3: a bucket and a key prefix ("exports/daily", stored without slashes at either end). A
 * file's key is the prefix, "/", and the path; a directory's listing prefix ends with "/".
 */
record S3Location(String bucket, String prefix) {

    static S3Location of(String bucket, String prefix) throws ConnectorException {
        String trimmed = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        return new S3Location(bucket, StoragePath.directory(trimmed).toString());
    }

    String key(StoragePath path) {
        return prefix.isEmpty() ? path.toString() : path.isRoot() ? prefix : prefix + "/" + path;
    }

    /** The prefix under which the objects directly in {@code directory} are, ending with "/" (or "" for the bucket). */
    String listPrefix(StoragePath directory) {
        String key = key(directory);
        return key.isEmpty() ? "" : key + "/";
    }
}
