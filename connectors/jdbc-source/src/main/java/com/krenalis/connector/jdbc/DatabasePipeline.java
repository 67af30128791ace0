package com.krenalis.connector.jdbc;

import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;

/**
 * What a pipeline of a database connection reads: the user's query, the column holding each user's identity and the
 * optional column holding when the user last changed. The same settings for every database connector.
 */
public record DatabasePipeline(String query, String identityColumn, String updatedAtColumn) {

    /** A column name as the query returns it: any text without control characters (it is quoted, never trusted). */
    private static final String COLUMN_NAME = "[^\\x00-\\x1F\\x7F]+";

    public static final SettingsSpec SPEC = SettingsSpec.of(
            SettingField.text("query", "Query").asRequired()
                    .describedAs("A SELECT returning one row per user. It runs in a read-only transaction."),
            SettingField.string("identityColumn", "Identity column").asRequired().maxLength(128)
                    .matching(COLUMN_NAME, "the name of the query's column that identifies each user"),
            SettingField.string("updatedAtColumn", "Updated-at column").maxLength(128)
                    .matching(COLUMN_NAME + "|", "the name of the query's timestamp column saying when each user last "
                            + "changed; needed for incremental reads"));

    public static DatabasePipeline of(Settings settings) {
        return new DatabasePipeline(settings.requireString("query"), settings.requireString("identityColumn"),
                settings.string("updatedAtColumn").filter(s -> !s.isBlank()).orElse(null));
    }
}
