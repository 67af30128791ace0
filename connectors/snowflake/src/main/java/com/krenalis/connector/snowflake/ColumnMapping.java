package com.krenalis.connector.snowflake;

import com.krenalis.connector.jdbc.JsonValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values as the driver's text of them (under the session formats {@link SnowflakeSql#SESSION} sets), converted to the
 * Java forms SourceRecord's javadoc lists for the column's Krenalis type.
 */
final class ColumnMapping {
    /** A timestamp with or without an offset, with 'T' or a space, any fraction: the session format and the defaults. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)\\s*(Z|[+-]\\d{2}:?\\d{2})?");

    private ColumnMapping() {
    }

    static Object valueOf(SnowflakeColumn column, String text) {
        if (text == null) {
            return null;
        }
        return switch (column.type().kind()) {
            case INT -> Long.parseLong(text.strip());
            case DECIMAL -> new BigDecimal(text.strip());
            case FLOAT -> floating(text.strip());
            case BOOLEAN -> bool(text.strip());
            case DATE -> LocalDate.parse(text.strip());
            case TIME -> LocalTime.parse(text.strip());
            case DATETIME -> instant(text);
            case JSON -> json(text);
            case ARRAY -> {
                Object value = json(text);
                if (!(value instanceof List<?>)) {
                    throw new IllegalArgumentException("not an array: " + column.typeName());
                }
                yield value;
            }
            default -> text;
        };
    }

    /** A timestamp's text as an instant: with its offset, or as UTC without one (TIMESTAMP_NTZ). */
    static Instant instant(String text) {
        Matcher m = TIMESTAMP.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a timestamp: " + text);
        }
        LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
        String offset = m.group(3);
        if (offset == null) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (!offset.equals("Z") && offset.indexOf(':') < 0) {
            offset = offset.substring(0, 3) + ":" + offset.substring(3);
        }
        return OffsetDateTime.of(local, ZoneOffset.of(offset)).toInstant();
    }

    private static Double floating(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    /**
     * VARIANT, OBJECT and ARRAY values: JSON text to maps, lists, text, numbers (Long, or BigDecimal: exact), booleans
     * and nulls, as every database source reads JSON.
     */
    static Object json(String text) {
        return JsonValues.parse(text);
    }
}
