package com.krenalis.connector.csv;

import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/** How a CSV file is written: the settings, and the Commons CSV formats that read and write it. */
record CsvDialect(char delimiter, char quote, boolean header, Charset charset, boolean trim) {
    static final Map<String, Character> DELIMITERS = Map.of("comma", ',', "semicolon", ';', "tab", '\t', "pipe", '|');

    static final SettingsSpec SETTINGS = SettingsSpec.of(
            SettingField.choice("delimiter", "Delimiter", List.of("comma", "semicolon", "tab", "pipe"))
                    .withDefault("comma").describedAs("The character between cells."),
            SettingField.string("quote", "Quote character").withDefault("\"")
                    .matching("[^\\sA-Za-z0-9]", "one character that is not a letter, a digit or a space")
                    .describedAs("The character that encloses cells holding delimiters, quotes or line breaks."),
            SettingField.bool("header", "First line is a header").withDefault(true)
                    .describedAs("The first line names the columns; without it they are column_1, column_2..."),
            SettingField.choice("encoding", "Encoding", List.of("UTF-8", "UTF-16", "ISO-8859-1", "windows-1252"))
                    .withDefault("UTF-8").describedAs("The file's character encoding; a byte order mark is skipped."),
            SettingField.bool("trim", "Trim cells").withDefault(false)
                    .describedAs("Removes spaces around each cell's value."));

    static CsvDialect of(Settings settings) {
        return new CsvDialect(DELIMITERS.get(settings.requireString("delimiter")),
                settings.requireString("quote").charAt(0), settings.bool("header"),
                Charset.forName(settings.requireString("encoding")), settings.bool("trim"));
    }

    /**
     * The format that parses. Empty lines are kept (and skipped by the reader) so that line numbers stay right. An
     * empty unquoted cell is null; a quoted empty cell ({@code ""}) is an empty string (ALL_NON_NULL makes the
     * parser tell them apart).
     */
    CSVFormat readFormat() {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuote(quote).setTrim(trim)
                .setIgnoreSurroundingSpaces(trim).setIgnoreEmptyLines(false).setNullString("")
                .setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    }

    /** The format that writes: quotes only where needed, CRLF line ends as RFC 4180 says, null as an empty cell. */
    CSVFormat writeFormat() {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuote(quote).setQuoteMode(QuoteMode.MINIMAL)
                .setNullString("").get();
    }

    /**
     * A reader of the decoded text. A leading byte order mark is skipped; bytes invalid in the encoding become
     * U+FFFD rather than stopping the read (a single-byte encoding never has any).
     */
    Reader reader(InputStream in) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
