package com.krenalis.connector.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.FileStorage.FileEntry;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpConnectorTest {
    @TempDir
    Path home;
    TestSshServer server;
    final SftpConnector connector = new SftpConnector();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home.resolve("data/sub"));
        Files.writeString(home.resolve("data/a.csv"), "id\n1\n");
        server = new TestSshServer(home);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Settings settings(Map<String, Object> overrides) throws Exception {
        Map<String, Object> raw = new HashMap<>(Map.of("host", "127.0.0.1", "port", server.port(),
                "username", TestSshServer.USER, "password", TestSshServer.PASSWORD, "root", "data"));
        raw.putAll(overrides);
        raw.values().removeIf(v -> v.equals(""));
        return connector.spec().settings().validate(raw);
    }

    /** SHA-256 of the key's SSH wire encoding, unpadded base64: what ssh-keygen -l prints, computed independently. */
    private String expectedFingerprint() throws Exception {
        String line = PublicKeyEntry.toString(server.hostKey.getPublic());
        byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    private String read(Settings settings, String path) throws Exception {
        try (InputStream in = connector.open(settings, path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withoutAPinTheCheckShowsTheFingerprintToPin() throws Exception {
        CheckResult result = connector.check(settings(Map.of()), Duration.ofSeconds(10));
        assertTrue(result.ok(), result.message());
        assertTrue(result.message().contains(expectedFingerprint()), result.message());
    }

    @Test
    void thePinnedFingerprintIsAcceptedAndAnotherRefused() throws Exception {
        Settings pinned = settings(Map.of("hostKeyFingerprint", expectedFingerprint()));
        assertTrue(connector.check(pinned, Duration.ofSeconds(10)).ok());
        assertEquals("id\n1\n", read(pinned, "a.csv"));

        String other = "SHA256:" + "A".repeat(43);
        Settings wrong = settings(Map.of("hostKeyFingerprint", other));
        CheckResult result = connector.check(wrong, Duration.ofSeconds(10));
        assertFalse(result.ok());
        assertEquals("hostKeyFingerprint", result.field());
        assertTrue(result.message().contains(expectedFingerprint()), result.message());
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(wrong, "a.csv"));
        assertTrue(e.getMessage().contains("host key"), e.getMessage());
    }

    @Test
    void aPrivateKeyLogsIn() throws Exception {
        String key = server.clientKeyOpenSsh();
        assertTrue(key.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"), key.lines().findFirst().orElse(""));
        String oneLine = key.strip().replace("\n", " "); // settings are single lines
        Settings settings = settings(Map.of("password", "", "privateKey", oneLine));
        assertEquals(List.of(), connector.validate(settings));
        CheckResult result = connector.check(settings, Duration.ofSeconds(10));
        assertTrue(result.ok(), result.message());
        assertEquals("id\n1\n", read(settings, "a.csv"));

        String otherKey = TestSshServer.openSsh(TestSshServer.ecKey()).strip().replace("\n", " ");
        CheckResult refused = connector.check(settings(Map.of("password", "", "privateKey", otherKey)), Duration.ofSeconds(10));
        assertFalse(refused.ok());
        assertEquals("privateKey", refused.field());
        assertFalse(refused.message().contains("PRIVATE KEY"), refused.message());
    }

    @Test
    void aWrongPasswordFailsNamingPasswordWithoutEchoingIt() throws Exception {
        Settings wrong = settings(Map.of("password", "wrong-password-123"));
        CheckResult result = connector.check(wrong, Duration.ofSeconds(10));
        assertFalse(result.ok());
        assertEquals("password", result.field());
        assertFalse(result.message().contains("wrong-password-123"), result.message());
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(wrong, "a.csv"));
        assertFalse(e.getMessage().contains("wrong-password-123"), e.getMessage());
    }

    @Test
    void exactlyOneOfPasswordAndPrivateKey() throws Exception {
        List<FieldError> none = connector.validate(settings(Map.of("password", "")));
        assertEquals(List.of("password", "privateKey"), none.stream().map(FieldError::field).toList());
        List<FieldError> both = connector.validate(settings(Map.of("privateKey", server.clientKeyOpenSsh().replace("\n", " "))));
        assertTrue(both.get(0).message().contains("not both"), both.toString());
        List<FieldError> garbage = connector.validate(settings(Map.of("password", "", "privateKey", "not a key")));
        assertEquals("privateKey", garbage.get(0).field());
        assertFalse(garbage.get(0).message().contains("not a key"));
    }

    @Test
    void aRootThatIsNotThereFailsNamingRoot() throws Exception {
        CheckResult result = connector.check(settings(Map.of("root", "missing")), Duration.ofSeconds(10));
        assertFalse(result.ok());
        assertEquals("root", result.field());
    }

    @Test
    void listIsNotRecursiveAndCreateReplacesWhole() throws Exception {
        Files.writeString(home.resolve("data/sub/deep.csv"), "deep");
        Files.writeString(home.resolve("data/b.csv"), "bb");
        assertEquals(List.of("a.csv", "b.csv"), connector.list(settings(Map.of()), "").stream().map(FileEntry::path).toList());
        assertEquals(List.of("sub/deep.csv"), connector.list(settings(Map.of()), "sub/").stream().map(FileEntry::path).toList());

        OutputStream out = connector.create(settings(Map.of()), "a.csv");
        out.write("new".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("id\n1\n", Files.readString(home.resolve("data/a.csv")), "the old file stays until close");
        assertEquals(List.of("a.csv", "b.csv"), connector.list(settings(Map.of()), "").stream().map(FileEntry::path).toList(),
                "the temporary file is not listed");
        out.close();
        assertEquals("new", Files.readString(home.resolve("data/a.csv")));
        try (var files = Files.list(home.resolve("data"))) {
            assertEquals(3, files.count(), "a.csv, b.csv and sub: no temporary file left behind");
        }
    }

    @Test
    void aLinkLeadingOutsideTheRootIsRefused() throws Exception {
        Files.createDirectories(home.resolve("private"));
        Files.writeString(home.resolve("private/secret.txt"), "not yours");
        Files.createSymbolicLink(home.resolve("data/escape"), home.resolve("private"));
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(settings(Map.of()), "escape/secret.txt"));
        assertTrue(e.getMessage().contains("outside the root"), e.getMessage());
        assertThrows(ConnectorException.class, () -> connector.create(settings(Map.of()), "escape/new.txt"));
    }
}
