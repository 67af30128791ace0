package com.krenalis.connector.sftp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SSH server with SFTP for the tests, on an ephemeral loopback port, serving {@code home} as the user's "/" (a
 * virtual file system). User {@value #USER} logs in with {@value #PASSWORD} or with {@link #clientKey}.
 */
final class TestSshServer implements AutoCloseable {
    static final String USER = "krenalis";
    static final String PASSWORD = "correct-horse-battery";

    final SshServer server;
    final KeyPair hostKey;
    final KeyPair clientKey;

    TestSshServer(Path home) throws Exception {
        hostKey = ecKey();
        clientKey = ecKey();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setKeyboardInteractiveAuthenticator(null);
        server.setSubsystemFactories(Collections.singletonList(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(home));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    /** The client key as an OpenSSH private key file's text. */
    String clientKeyOpenSsh() throws Exception {
        return openSsh(clientKey);
    }

    static String openSsh(KeyPair key) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Override
    public void close() throws Exception {
        server.stop(true);
    }
}
