package com.krenalis.connector.snowflake;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the private key of Snowflake's key-pair authentication (RSA, unencrypted PKCS#8). A SECRET setting holds one
 * line, so the PEM text is taken with its line breaks as spaces or as {@code \n} escapes, or as the bare base64 body.
 */
final class PrivateKeys {
    private static final Pattern PKCS8 = Pattern.compile(
            "(?:-----BEGIN PRIVATE KEY-----)?([A-Za-z0-9+/=\\s]+)(?:-----END PRIVATE KEY-----)?");

    private PrivateKeys() {
    }

    /**
     * The key; an IllegalArgumentException whose message says what to do when the text is not one. The message
     * never quotes the text.
     */
    static PrivateKey parse(String pem) {
        String text = pem.replace("\\n", "\n").strip();
        if (text.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("the private key is encrypted: give it unencrypted "
                    + "(openssl pkcs8 -topk8 -nocrypt -in key.p8)");
        }
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("the private key is in PKCS#1 form: convert it to PKCS#8 "
                    + "(openssl pkcs8 -topk8 -nocrypt -in rsa_key.pem)");
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PEM private key: paste the whole key, from "
                    + "-----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----, on one line");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key is not a valid RSA key in PKCS#8 form");
        }
    }
}
