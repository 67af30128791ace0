package com.krenalis.connector.database;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;

/**
 * What a pipeline of a database connection reads: the user's query, the column holding each user's identity and the
 * optional column holding when the user last changed. The same settings for every database connector; only the help
 * texts say how each database runs the query and which column types can say when a user changed.
 */
public record DatabasePipeline(String query, String identityColumn, String updatedAtColumn) {

    /** A column name as the query returns it: any text without control characters (it is quoted, never trusted). */
    private static final String COLUMN_NAME = "[^\\x00-\\x1F\\x7F]+";

    /** The settings of the connectors that run the query in a read-only transaction and take a timestamp column. */
    public static final SettingsSpec SPEC = spec("It runs in a read-only transaction.", "timestamp column");

    /**
     * The pipeline settings with a connector's own words.
     *
     * @param howItRuns what the query's help adds after "A SELECT returning one row per user.", e.g. how it is kept
     *                  read-only
     * @param updatedAtKind the kind of column the updated-at column must be, e.g. "timestamp column"
     */
    public static SettingsSpec spec(String howItRuns, String updatedAtKind) {
        return SettingsSpec.of(
                SettingField.text("query", "Query").asRequired()
                        .describedAs("A SELECT returning one row per user. " + howItRuns),
                SettingField.string("identityColumn", "Identity column").asRequired().maxLength(128)
                        .matching(COLUMN_NAME, "the name of the query's column that identifies each user"),
                SettingField.string("updatedAtColumn", "Updated-at column").maxLength(128)
                        .matching(COLUMN_NAME + "|", "the name of the query's " + updatedAtKind + " saying when each "
                                + "user last changed; needed for incremental reads"));
    }

    public static DatabasePipeline of(Settings settings) {
        return new DatabasePipeline(settings.requireString("query"), settings.requireString("identityColumn"),
                settings.string("updatedAtColumn").filter(s -> !s.isBlank()).orElse(null));
    }

    /**
     * The cursor an incremental read starts after, or null for a full read. Without an updated-at column there is
     * no incremental read: an error, never a silent full read.
     */
    public ReadCursor cursor(String cursorText) throws ConnectorException {
        if (cursorText == null) {
            return null;
        }
        if (updatedAtColumn == null) {
            throw new ConnectorException("an incremental read needs the pipeline's "
                    + "updatedAtColumn; set it, or run a full read");
        }
        return ReadCursor.parse(cursorText);
    }
}
