package com.krenalis.connector.json;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** How records are laid out in a JSON file: one array of objects, or one object per line (NDJSON). */
enum JsonLayout {
    ARRAY, NDJSON;

    static final SettingsSpec SETTINGS = SettingsSpec.of(
            SettingField.choice("layout", "Layout", List.of("auto", "array", "ndjson")).withDefault("auto")
                    .describedAs("array: one JSON array of objects; ndjson: one object per line; auto: an array if the "
                            + "file starts with '[', else NDJSON. Files written in 'auto' are NDJSON."),
            SettingField.choice("encoding", "Encoding", List.of("UTF-8")).withDefault("UTF-8")
                    .describedAs("JSON files are UTF-8 (RFC 8259); a byte order mark is skipped."));

    /** How much of a file {@link #detect} may look at before its first character that is not a space. */
    private static final int LOOKAHEAD = 64 * 1024;

    /** The layout the settings name; null for auto. */
    static JsonLayout of(Settings settings) {
        return switch (settings.requireString("layout")) {
            case "array" -> ARRAY;
            case "ndjson" -> NDJSON;
            default -> null;
        };
    }

    /** The layout to write with: auto writes NDJSON, which a reader in auto mode takes back. */
    static JsonLayout forWriting(Settings settings) {
        JsonLayout layout = of(settings);
        return layout == null ? NDJSON : layout;
    }

    /**
     * The layout of a file in auto mode, from its first byte that is not white space or a byte order mark ({@code [}
     * is an array, anything else NDJSON); the stream must support mark/reset and is left at its start.
     */
    static JsonLayout detect(BufferedInputStream in) throws ConnectorException {
        try {
            in.mark(LOOKAHEAD);
            try {
                for (int i = 0; i < LOOKAHEAD; i++) {
                    int b = in.read();
                    if (b == -1 || !(b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF)) {
                        return b == '[' ? ARRAY : NDJSON;
                    }
                }
                return NDJSON;
            } finally {
                in.reset();
            }
        } catch (IOException e) {
            throw new ConnectorException("cannot read the JSON file: " + e.getMessage(), e);
        }
    }
}
