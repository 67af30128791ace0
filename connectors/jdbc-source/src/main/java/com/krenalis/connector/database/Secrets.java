package com.krenalis.connector.database;

import com.krenalis.api.settings.SettingKind;
import com.krenalis.api.settings.Settings;

/** Keeps secrets out of text shown to users: a database may echo what it was given. */
public final class Secrets {
    private Secrets() {
    }

    /** The text with the value of every SECRET setting replaced by {@link Settings#REDACTED}. */
    public static String redact(String text, Settings settings) {
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
