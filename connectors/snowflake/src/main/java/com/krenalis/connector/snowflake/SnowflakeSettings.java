package com.krenalis.connector.snowflake;

import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The connection settings, and the driver properties they make (the pipeline's: DatabasePipeline). */
final class SnowflakeSettings {
    /** An object name as written in SQL: unquoted (any case, the server upper-cases it), or in double quotes. */
    private static final String OBJECT_NAME = "[A-Za-z_][A-Za-z0-9_$]{0,254}|\"[^\"\\x00-\\x1F]{1,255}\"";
    private static final String OBJECT_NAME_MEANING =
            "a name as written in SQL: letters, digits, _ and $, or any name in double quotes";

    static final SettingsSpec CONNECTION = SettingsSpec.of(
            SettingField.string("account", "Account").asRequired().maxLength(255)
                    .matching("(?i)(?!.*snowflakecomputing)[a-z0-9][a-z0-9_.-]*",
                            "the account identifier, e.g. xy12345.eu-central-1 or myorg-myaccount, "
                                    + "without .snowflakecomputing.com"),
            SettingField.string("username", "User name").asRequired().maxLength(255)
                    .matching("[^\\x00-\\x1F\\x7F]+", "a user name, without control characters"),
            SettingField.secret("password", "Password")
                    .describedAs("Give a password or a private key, not both"),
            SettingField.secret("privateKey", "Private key (PEM)").maxLength(16384)
                    .describedAs("For key-pair authentication: the unencrypted PKCS#8 PEM text "
                            + "(-----BEGIN PRIVATE KEY-----...) on one line: line breaks as spaces or \\n"),
            SettingField.string("role", "Role").maxLength(257).matching(OBJECT_NAME, OBJECT_NAME_MEANING)
                    .describedAs("The role to use; grant it read access only (Snowflake has no read-only session)"),
            SettingField.string("warehouse", "Warehouse").asRequired().maxLength(257)
                    .matching(OBJECT_NAME, OBJECT_NAME_MEANING),
            SettingField.string("database", "Database").asRequired().maxLength(257)
                    .matching(OBJECT_NAME, OBJECT_NAME_MEANING),
            SettingField.string("schema", "Schema").asRequired().withDefault("PUBLIC").maxLength(257)
                    .matching(OBJECT_NAME, OBJECT_NAME_MEANING));

    private SnowflakeSettings() {
    }

    /** Exactly one of password and private key, and a private key that parses. */
    static List<FieldError> validate(Settings settings) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> password = settings.string("password").filter(s -> !s.isEmpty());
        Optional<String> key = settings.string("privateKey").filter(s -> !s.isBlank());
        if (password.isEmpty() && key.isEmpty()) {
            errors.add(new FieldError("password", "give a password, or a private key for key-pair authentication"));
        } else if (password.isPresent() && key.isPresent()) {
            errors.add(new FieldError("privateKey", "give a password or a private key, not both"));
        } else if (key.isPresent()) {
            try {
                PrivateKeys.parse(key.get());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("privateKey", e.getMessage()));
            }
        }
        return errors;
    }

    static String url(Settings settings) {
        return "jdbc:snowflake://" + host(settings) + "/";
    }

    static String host(Settings settings) {
        return settings.requireString("account").toLowerCase(java.util.Locale.ROOT) + ".snowflakecomputing.com";
    }

    /** The driver's properties: credentials, context and a login timeout. */
    static Properties properties(Settings settings, Duration loginTimeout) {
        Properties p = new Properties();
        p.put("user", settings.requireString("username"));
        Optional<String> key = settings.string("privateKey").filter(s -> !s.isBlank());
        if (key.isPresent()) {
            p.put("authenticator", "SNOWFLAKE_JWT");
            p.put("privateKey", PrivateKeys.parse(key.get()));
        } else {
            p.put("password", settings.string("password").orElse(""));
        }
        settings.string("role").ifPresent(r -> p.put("role", r));
        p.put("warehouse", settings.requireString("warehouse"));
        p.put("db", settings.requireString("database"));
        p.put("schema", settings.requireString("schema"));
        p.put("loginTimeout", Long.toString(Math.max(1, loginTimeout.toSeconds())));
        p.put("application", "Krenalis");
        // No telemetry or log files from inside a server.
        p.put("tracing", "OFF");
        return p;
    }
}
