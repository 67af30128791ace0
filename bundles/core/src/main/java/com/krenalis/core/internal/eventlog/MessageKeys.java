package com.krenalis.core.internal.eventlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The dedup key of an event: the first 16 bytes of SHA-256 over {@code "<workspaceId>:<messageId>"} (UTF-8), as a
 * UUID. Sixteen bytes compare with one memcmp where the messageId text compared under the database's collation, and
 * the key index is a fraction of the size (messageIds of analytics.js are 41 characters). Two different events would
 * need a 128-bit collision to be taken for one another. Migration V009 computes the same keys in SQL for the
 * messageIds stored before it.
 */
public final class MessageKeys {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private MessageKeys() {
    }

    public static UUID of(long workspaceId, String messageId) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        ByteBuffer digest = ByteBuffer.wrap(sha.digest((workspaceId + ":" + messageId).getBytes(StandardCharsets.UTF_8)));
        return new UUID(digest.getLong(), digest.getLong());
    }
}
