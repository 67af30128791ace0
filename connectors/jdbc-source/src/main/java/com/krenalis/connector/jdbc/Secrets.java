package com.krenalis.connector.jdbc;

import com.krenalis.api.settings.SettingKind;
import com.krenalis.api.settings.Settings;

/** Keeps secrets out of text shown to users: a database may echo what it was given. */
final class Secrets {
    private Secrets() {
    }

    static String redact(String text, Settings settings) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (var field : settings.spec().fields()) {
            if (field.kind() == SettingKind.SECRET) {
                String secret = settings.string(field.name()).orElse("");
                if (!secret.isEmpty()) {
                    out = out.replace(secret, Settings.REDACTED);
                }
            }
        }
        return out;
    }
}
