package com.krenalis.connector.snowflake;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.database.Secrets;
import java.net.UnknownHostException;
import java.util.Locale;

/** Turns what the driver throws into words a user can act on, naming the setting to blame, without secrets. */
final class SnowflakeErrors {

    private SnowflakeErrors() {
    }

    /** The failed check for an error met while logging in and asking the session's context. */
    static CheckResult checkFailure(Throwable error, Settings settings) {
        String text = message(error, settings);
        String lower = text.toLowerCase(Locale.ROOT);
        boolean keyPair = settings.string("privateKey").filter(s -> !s.isBlank()).isPresent();
        if (lower.contains("incorrect username or password")) {
            return CheckResult.failed("password", "Snowflake refused the user name or password");
        }
        if (lower.contains("jwt token is invalid") || lower.contains("jwt")) {
            return CheckResult.failed("privateKey", "Snowflake refused the key pair: check that the user's "
                    + "RSA_PUBLIC_KEY matches the private key");
        }
        if (lower.contains("role")) {
            return CheckResult.failed("role", text);
        }
        if (find(error, UnknownHostException.class) != null || lower.contains("unknownhost")
                || lower.contains("account") && lower.contains("not")) {
            return CheckResult.failed("account", "cannot reach account '" + settings.requireString("account")
                    + "' at " + SnowflakeSettings.host(settings) + ": " + text);
        }
        if (lower.contains("user") && (lower.contains("locked") || lower.contains("disabled"))) {
            return CheckResult.failed("username", text);
        }
        return CheckResult.failed(keyPair ? "privateKey" : null, text);
    }

    /** The error's message, with every secret of the settings masked should a message ever hold one. */
    static String message(Throwable error, Settings settings) {
        return Secrets.redact(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage(),
                settings);
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
