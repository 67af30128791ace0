package com.krenalis.connector.sftp;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Accepts the server's host key when its SHA-256 fingerprint is the pinned one ("SHA256:" and unpadded base64, as
 * {@code ssh-keygen -l} prints it), or any key when nothing is pinned; remembers what it saw either way, so that
 * {@code check} can show the fingerprint to pin, or say that the key is not the pinned one.
 */
final class HostKeyPin implements ServerKeyVerifier {
    private final Optional<String> pinned;
    private volatile String seen;

    HostKeyPin(Optional<String> pinned) {
        this.pinned = pinned;
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        seen = fingerprint(serverKey);
        return pinned.map(seen::equals).orElse(true);
    }

    /** The fingerprint of the key the server showed, or null if the connection did not get that far. */
    String seen() {
        return seen;
    }

    boolean refused() {
        return seen != null && pinned.isPresent() && !pinned.get().equals(seen);
    }
}
