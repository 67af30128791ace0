package com.krenalis.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.Settings;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against a server whose certificate is self-signed (made by the JDK's keytool in the test): the connector
 * trusts what the server's Java runtime trusts, so it refuses it and says why. Being a real TLS server, it also shows
 * that the https path of the client works up to the handshake.
 */
class SelfSignedHttpsTest {
    @TempDir
    Path dir;

    @Test
    void anUntrustedCertificateIsRefusedNamingBaseUrl() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes()));

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        HttpConnector connector = new HttpConnector();
        try {
            Settings settings = connector.spec().settings().validate(Map.of(
                    "baseUrl", "https://127.0.0.1:" + server.getAddress().getPort() + "/", "timeoutSeconds", 5));
            CheckResult check = connector.check(settings, Duration.ofSeconds(5));
            assertFalse(check.ok());
            assertEquals("baseUrl", check.field());
            assertTrue(check.message().contains("TLS"), check.message());
            ConnectorException e = assertThrows(ConnectorException.class, () -> connector.open(settings, "a.csv"));
            assertTrue(e.getMessage().contains("certificate"), e.getMessage());
        } finally {
            server.stop(0);
            connector.deactivate();
        }
    }
}
