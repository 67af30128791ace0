package com.krenalis.core.internal.pipelines;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.FileFormat;
import com.krenalis.api.connector.FileStorage;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.platform.ExtensionCatalog;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.SettingKind;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.TypeKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What a batch pipeline reads, bound to its settings: a record source with the pipeline's settings (a database and its
 * query), or a file of a file storage read by a file format, whose identity and update time come from columns the
 * pipeline names.
 */
final class PipelineSources {

    /** A source ready to read: the connection's and the pipeline's settings are bound. */
    interface Bound {
        ObjectType discover() throws ConnectorException;

        ReadResult read(String cursor, RecordSink sink) throws ConnectorException;

        boolean supportsIncremental();
    }

    /** The source settings of a pipeline of a file storage; {@code formatSettings} is validated by the format. */
    static final SettingsSpec FILE = SettingsSpec.of(
            SettingField.string("path", "File path").asRequired().maxLength(1024)
                    .describedAs("The file, relative to the storage's root; a name ending in .gz is decompressed"),
            SettingField.string("format", "File format").asRequired()
                    .describedAs("The code of an installed file-format connector (csv, json, parquet, excel)"),
            SettingField.string("identityColumn", "Identity column").asRequired().maxLength(63)
                    .describedAs("The column holding each user's identity in the file"),
            SettingField.string("updatedAtColumn", "Updated-at column").maxLength(63)
                    .describedAs("A date-time column: each record's freshness, and what incremental runs compare"));

    private PipelineSources() {
    }

    /**
     * Binds a connection's source to a pipeline's source settings.
     *
     * @throws InvalidInputException naming {@code source.<field>} when the settings do not fit the connector
     */
    static Bound bind(Connector connector, Settings connection, Map<String, Object> source, ExtensionCatalog catalog) {
        if (connector instanceof RecordSource records) {
            SettingsSpec spec = connector.spec().pipelineSettings();
            for (SettingField f : spec.fields()) {
                if (f.kind() == SettingKind.SECRET) {
                    throw new InvalidInputException("source", "connector " + connector.spec().code() + " declares the secret "
                            + "pipeline setting '" + f.name() + "'; secrets belong to a connection's settings, where they are encrypted");
                }
            }
            Settings pipeline = validate(spec, source, "source.");
            return new RecordSourceBinding(records, connection, pipeline);
        }
        if (connector instanceof FileStorage storage) {
            Map<String, Object> own = new LinkedHashMap<>(source);
            Object formatSettings = own.remove("formatSettings");
            Settings file = validate(FILE, own, "source.");
            String code = file.requireString("format");
            Connector format = catalog.connector(code).orElseThrow(() -> new InvalidInputException("source.format",
                    "no installed connector '" + code + "' (see GET /v1/connectors)"));
            if (!(format instanceof FileFormat fileFormat)) {
                throw new InvalidInputException("source.format", "connector '" + code + "' is not a file format");
            }
            if (formatSettings != null && !(formatSettings instanceof Map)) {
                throw new InvalidInputException("source.formatSettings", "must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = formatSettings == null ? Map.of() : (Map<String, Object>) formatSettings;
            Settings formatValues = validate(format.spec().settings(), raw, "source.formatSettings.");
            List<FieldError> errors = format.validate(formatValues);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors.stream()
                        .map(e -> new FieldError("source.formatSettings." + e.field(), e.message())).toList());
            }
            return new FileBinding(storage, connection, fileFormat, formatValues, file.requireString("path"),
                    file.requireString("identityColumn"), file.string("updatedAtColumn").orElse(null));
        }
        throw new IllegalArgumentException("connector " + connector.spec().code() + " is not a batch source");
    }

    private static Settings validate(SettingsSpec spec, Map<String, Object> raw, String prefix) {
        try {
            return spec.validate(raw);
        } catch (InvalidSettingsException e) {
            throw new InvalidInputException(e.errors().stream().map(f -> new FieldError(prefix + f.field(), f.message())).toList());
        }
    }

    /** A record source (a database) with the pipeline's settings (its query). */
    private record RecordSourceBinding(RecordSource source, Settings connection, Settings pipeline) implements Bound {
        @Override
        public ObjectType discover() throws ConnectorException {
            return source.discover(connection, pipeline);
        }

        @Override
        public ReadResult read(String cursor, RecordSink sink) throws ConnectorException {
            return source.read(new ReadRequest(connection, pipeline, cursor), sink);
        }

        @Override
        public boolean supportsIncremental() {
            return source.supportsIncremental();
        }
    }

    /**
     * A file read through a storage and a format. Its records' identity is the identity column's value; their update
     * time the updated-at column's. The cursor of an incremental read is the greatest update time delivered; a later
     * incremental read delivers the records updated after it (and those without an update time, which cannot be told).
     */
    private record FileBinding(FileStorage storage, Settings connection, FileFormat format, Settings formatSettings,
                               String path, String identityColumn, String updatedAtColumn) implements Bound {

        private InputStream open() throws ConnectorException {
            InputStream in = storage.open(connection, path);
            if (!path.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
                return in;
            }
            try {
                return new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16);
            } catch (IOException e) {
                close(in);
                throw new ConnectorException(path + " is not a gzip file: " + e.getMessage(), e);
            }
        }

        private static void close(InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Nothing was read from it.
            }
        }

        @Override
        public ObjectType discover() throws ConnectorException {
            ObjectType schema;
            try (InputStream in = open()) {
                schema = format.discover(in, formatSettings);
            } catch (IOException e) {
                throw new ConnectorException("cannot read " + path + ": " + e.getMessage(), e);
            }
            if (schema.property(identityColumn).isEmpty()) {
                throw new InvalidInputException("source.identityColumn", "the file " + path + " has no column '" + identityColumn
                        + "' (it has " + schema.properties().stream().map(Property::name).toList() + ")");
            }
            if (updatedAtColumn != null) {
                Property p = schema.property(updatedAtColumn).orElseThrow(() -> new InvalidInputException("source.updatedAtColumn",
                        "the file " + path + " has no column '" + updatedAtColumn + "'"));
                TypeKind k = p.type().kind();
                if (k != TypeKind.DATETIME && k != TypeKind.DATE && k != TypeKind.STRING) {
                    throw new InvalidInputException("source.updatedAtColumn", "column '" + updatedAtColumn + "' is a "
                            + k.jsonName() + ": a date-time, a date or text in ISO-8601 is needed");
                }
            }
            return schema;
        }

        @Override
        public boolean supportsIncremental() {
            return updatedAtColumn != null;
        }

        @Override
        public ReadResult read(String cursor, RecordSink sink) throws ConnectorException {
            Instant since = null;
            if (cursor != null) {
                try {
                    since = Instant.parse(cursor);
                } catch (DateTimeParseException e) {
                    throw new ConnectorException("malformed cursor '" + cursor + "': an ISO-8601 instant was expected");
                }
            }
            Columns columns = new Columns(sink, since);
            ReadResult result;
            try (InputStream in = open()) {
                result = format.read(in, formatSettings, columns);
            } catch (IOException e) {
                throw new ConnectorException("cannot read " + path + ": " + e.getMessage(), e);
            }
            String next = updatedAtColumn == null ? null : columns.newest != null ? columns.newest.toString() : cursor;
            return new ReadResult(next, result.total());
        }

        /** Turns a format's records (ids are positions) into identified records. */
        private final class Columns implements RecordSink {
            private final RecordSink sink;
            private final Instant since;
            private Instant newest;

            Columns(RecordSink sink, Instant since) {
                this.sink = sink;
                this.since = since;
                this.newest = since;
            }

            @Override
            public void accept(SourceRecord record) {
                Object id = record.properties().get(identityColumn);
                String identity = id == null ? null : id.toString().strip();
                if (identity == null || identity.isEmpty()) {
                    sink.reject(record.id(), "the identity column '" + identityColumn + "' is empty");
                    return;
                }
                Instant updatedAt = null;
                if (updatedAtColumn != null) {
                    Object value = record.properties().get(updatedAtColumn);
                    if (value != null && !(value instanceof String s && s.isBlank())) {
                        updatedAt = instant(value);
                        if (updatedAt == null) {
                            sink.reject(record.id() + " (" + identity + ")", "the updated-at column '" + updatedAtColumn
                                    + "' holds '" + value + "', not a date-time");
                            return;
                        }
                    }
                }
                if (since != null && updatedAt != null && !updatedAt.isAfter(since)) {
                    return; // unchanged since the last run
                }
                if (updatedAt != null && (newest == null || updatedAt.isAfter(newest))) {
                    newest = updatedAt;
                }
                sink.accept(new SourceRecord(identity, updatedAt, record.properties()));
            }

            @Override
            public void reject(String recordKey, String message) {
                sink.reject(recordKey, message);
            }

            @Override
            public void total(long records) {
                if (since == null) { // an incremental read delivers only some of the file's records
                    sink.total(records);
                }
            }

            @Override
            public boolean cancelled() {
                return sink.cancelled();
            }
        }
    }

    /** A date-time from a column: typed values, or ISO-8601 text with or without offset (without: UTC); null if not one. */
    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof String s) {
            String t = s.strip();
            for (java.util.function.Function<String, Instant> parse : PARSERS) {
                try {
                    return parse.apply(t);
                } catch (DateTimeParseException ignored) {
                    // try the next form
                }
            }
        }
        return null;
    }

    private static final List<java.util.function.Function<String, Instant>> PARSERS = new ArrayList<>(List.of(
            t -> OffsetDateTime.parse(t).toInstant(),
            t -> LocalDateTime.parse(t).toInstant(ZoneOffset.UTC),
            t -> LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC),
            t -> OffsetDateTime.parse(t.replace(' ', 'T')).toInstant(),
            t -> LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()));
}
