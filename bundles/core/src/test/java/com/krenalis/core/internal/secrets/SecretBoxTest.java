package com.krenalis.core.internal.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        SecretBox box = new SecretBox(key(1));
        String a = box.encrypt("pässwörd ✓");
        String b = box.encrypt("pässwörd ✓");
        assertNotEquals(a, b, "a fresh nonce per value");
        assertTrue(a.startsWith("v1:"));
        assertFalse(a.contains("pässwörd"));
        assertEquals("pässwörd ✓", box.decrypt(a));
        assertEquals("pässwörd ✓", box.decrypt(b));
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String sealed = new SecretBox(key(1)).encrypt("secret");
        assertThrows(IllegalStateException.class, () -> new SecretBox(key(2)).decrypt(sealed));
    }

    @Test
    void tamperingIsDetected() {
        SecretBox box = new SecretBox(key(1));
        byte[] raw = Base64.getDecoder().decode(box.encrypt("secret").substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> box.decrypt(tampered));
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
    }
}
