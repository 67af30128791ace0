package com.krenalis.connector.sftp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads the {@code privateKey} setting: an unencrypted private key in OpenSSH format ("BEGIN OPENSSH PRIVATE KEY") or
 * PEM (PKCS#1 "BEGIN RSA PRIVATE KEY", "BEGIN EC PRIVATE KEY", PKCS#8 "BEGIN PRIVATE KEY"). Settings are single
 * lines, so the key may come with its line breaks replaced by spaces, or with none: the body between the markers is
 * base64, and is wrapped again here. Errors never quote the key.
 */
final class PrivateKeys {
    private static final Pattern ARMOR = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PrivateKeys() {
    }

    static KeyPair parse(String text) {
        Matcher armor = ARMOR.matcher(text.strip());
        if (!armor.find()) {
            throw new IllegalArgumentException("is not a private key: paste the whole key file, from "
                    + "-----BEGIN ... PRIVATE KEY----- to -----END ... PRIVATE KEY-----");
        }
        String kind = armor.group(1);
        String body = armor.group(2).replaceAll("\\s+", "");
        if (body.contains(":")) {
            throw new IllegalArgumentException("is encrypted (it has PEM headers); use a key without a passphrase");
        }
        StringBuilder pem = new StringBuilder("-----BEGIN ").append(kind).append("-----\n");
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        pem.append("-----END ").append(kind).append("-----\n");
        List<KeyPair> keys = new ArrayList<>();
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("privateKey"),
                    new ByteArrayInputStream(pem.toString().getBytes(StandardCharsets.US_ASCII)), null);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (Exception e) {
            // The library's message may describe the key's content: give the kind of failure only.
            throw new IllegalArgumentException("could not be read as an unencrypted " + kind.toLowerCase()
                    + " (" + e.getClass().getSimpleName() + "); keys with a passphrase are not supported");
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("holds no key pair that this connector can read (" + kind.toLowerCase() + ")");
        }
        return keys.get(0);
    }
}
