package com.krenalis.runtime.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts secrets at rest (connection passwords, tokens) when none is configured: generated once into
 * the data directory, readable by its owner only. Losing it makes stored secrets unreadable, so back it up with the
 * data.
 */
final class SecretKeyFile {
    private SecretKeyFile() {
    }

    static byte[] loadOrCreate(Path dataDir) throws IOException, ConfigException {
        Path file = dataDir.resolve("secret.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another process created it first; read theirs
            } catch (UnsupportedOperationException notPosix) {
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                return key;
            }
        }
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigException(file + " does not hold a 32-byte base64 key; restore it from a backup, or set "
                + Setting.SECRET_KEY.display());
    }
}
