package com.krenalis.core.internal.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** API key tokens: {@code kra_} followed by 40 base62 characters (238 random bits). */
final class Tokens {
    static final String PREFIX = "kra_";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DISPLAY_PREFIX = 12;

    private Tokens() {
    }

    static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The first characters, stored to let a person tell keys apart. */
    static String displayPrefix(String token) {
        return token.substring(0, Math.min(DISPLAY_PREFIX, token.length()));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cheap syntax check before any lookup: printable ASCII, sensible length. */
    static boolean plausible(String token) {
        return token != null && token.length() >= 24 && token.length() <= 200 && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
