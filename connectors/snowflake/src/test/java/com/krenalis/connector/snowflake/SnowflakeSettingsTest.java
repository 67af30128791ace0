package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SnowflakeSettingsTest {
    private static final String PASSWORD = "hunter2-secret";
    private final SnowflakeConnector connector = new SnowflakeConnector();

    /** A new key's PEM text with this separator between its lines. */
    private static String pem(String separator) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----" + separator
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der).replace("\n", separator)
                + separator + "-----END PRIVATE KEY-----";
    }

    private static String pem() throws Exception {
        return pem(" ");
    }

    @Test
    void aPemKeyIsReadInEachOneLineForm() throws Exception {
        String spaced = pem();
        PrivateKey key = PrivateKeys.parse(spaced);
        String body = spaced.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        assertEquals(key, PrivateKeys.parse(body), "the bare base64 body");
        assertEquals(key, PrivateKeys.parse("-----BEGIN PRIVATE KEY-----" + body.strip().replace(" ", "\\n")
                + "-----END PRIVATE KEY-----"), "line breaks as \\n escapes");
        assertTrue(PrivateKeys.parse(pem("\\n")) != null);
        assertTrue(PrivateKeys.parse(pem("\n")) != null, "a multi-line PEM, should one reach the code");
    }

    private static Map<String, Object> base() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("account", "xy12345.eu-central-1");
        raw.put("username", "krenalis_reader");
        raw.put("warehouse", "READ_WH");
        raw.put("database", "CRM");
        return raw;
    }

    private Settings settings(Map<String, Object> raw) throws InvalidSettingsException {
        return connector.spec().settings().validate(raw);
    }

    private List<String> errors(Map<String, Object> raw) throws Exception {
        return connector.validate(settings(raw)).stream().map(FieldError::field).toList();
    }

    @Test
    void exactlyOneOfPasswordAndPrivateKey() throws Exception {
        assertEquals(List.of("password"), errors(base()));
        Map<String, Object> both = base();
        both.put("password", PASSWORD);
        both.put("privateKey", pem());
        assertEquals(List.of("privateKey"), errors(both));
        Map<String, Object> password = base();
        password.put("password", PASSWORD);
        assertTrue(errors(password).isEmpty());
        Map<String, Object> key = base();
        key.put("privateKey", pem());
        assertTrue(errors(key).isEmpty());
    }

    @Test
    void aPrivateKeyMustBeUnencryptedPkcs8AndIsNeverQuoted() throws Exception {
        for (String bad : List.of("-----BEGIN RSA PRIVATE KEY----- MIIE -----END RSA PRIVATE KEY-----",
                "-----BEGIN ENCRYPTED PRIVATE KEY----- MIIE -----END ENCRYPTED PRIVATE KEY-----",
                "-----BEGIN PRIVATE KEY----- bm90IGEga2V5 -----END PRIVATE KEY-----", "secret-but-not-a-key!")) {
            Map<String, Object> raw = base();
            raw.put("privateKey", bad);
            List<FieldError> errors = connector.validate(settings(raw));
            assertEquals("privateKey", errors.get(0).field(), bad);
            assertFalse(errors.get(0).message().contains("MIIE") || errors.get(0).message().contains("secret-but"));
        }
    }

    @Test
    void driverPropertiesCarryTheChosenCredentialAndContext() throws Exception {
        Map<String, Object> raw = base();
        raw.put("privateKey", pem());
        raw.put("role", "READER");
        Properties p = SnowflakeSettings.properties(settings(raw), Duration.ofSeconds(7));
        assertEquals("SNOWFLAKE_JWT", p.get("authenticator"));
        assertTrue(p.get("privateKey") instanceof PrivateKey);
        assertFalse(p.containsKey("password"));
        assertEquals("READER", p.get("role"));
        assertEquals("READ_WH", p.get("warehouse"));
        assertEquals("CRM", p.get("db"));
        assertEquals("PUBLIC", p.get("schema"));
        assertEquals("7", p.get("loginTimeout"));
        assertEquals("jdbc:snowflake://xy12345.eu-central-1.snowflakecomputing.com/", SnowflakeSettings.url(settings(raw)));
    }

    @Test
    void eachBadFieldIsNamed() {
        for (String[] bad : new String[][] {{"account", "xy12345.snowflakecomputing.com"}, {"account", "https://x"},
                {"warehouse", "a b"}, {"database", "\"\""}, {"role", "r;drop"}}) {
            Map<String, Object> raw = base();
            raw.put(bad[0], bad[1]);
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings(raw), bad[1]);
            assertEquals(bad[0], e.errors().get(0).field());
        }
    }

    @Test
    void quotedObjectNamesAreAccepted() throws Exception {
        Map<String, Object> raw = base();
        raw.put("database", "\"Mixed Case db\"");
        raw.put("password", PASSWORD);
        assertEquals("\"Mixed Case db\"", settings(raw).requireString("database"));
        assertFalse(settings(raw).toString().contains(PASSWORD));
    }

    @Test
    void checkReportsInvalidSettingsWithoutConnecting() throws Exception {
        CheckResult r = connector.check(settings(base()), Duration.ofSeconds(1));
        assertFalse(r.ok());
        assertEquals("password", r.field());
    }

    @Test
    void checkFailuresNameTheSettingAndMaskSecrets() throws Exception {
        Map<String, Object> raw = base();
        raw.put("password", PASSWORD);
        Settings s = settings(raw);
        assertEquals("password", SnowflakeErrors.checkFailure(new java.sql.SQLException(
                "Incorrect username or password was specified."), s).field());
        assertEquals("role", SnowflakeErrors.checkFailure(new java.sql.SQLException(
                "Role 'ADMIN' specified in the connect string does not exist or not authorized."), s).field());
        assertEquals("account", SnowflakeErrors.checkFailure(new java.sql.SQLException("JDBC driver encountered "
                + "communication error", new java.net.UnknownHostException("xy12345.snowflakecomputing.com")), s).field());
        CheckResult echoed = SnowflakeErrors.checkFailure(new java.sql.SQLException("bad value " + PASSWORD), s);
        assertFalse(echoed.message().contains(PASSWORD), echoed.message());
    }
}
