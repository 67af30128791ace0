package com.krenalis.connector.excel;

import com.krenalis.api.types.TypeKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Which cell styles show numbers as dates, and of what kind: {@link TypeKind#DATE} when the format has no time part
 * ({@code yyyy-mm-dd}), {@link TypeKind#TIME} when it has only one ({@code h:mm}), {@link TypeKind#DATETIME} when it
 * has both. Excel stores every date as a number of days; only the format says it is one. Answers are cached by style.
 */
final class DateFormats {
    private final StylesTable styles;
    private final Map<Integer, TypeKind> byStyle = new HashMap<>();

    DateFormats(StylesTable styles) {
        this.styles = styles;
    }

    /** The date kind of a style, or null when the style shows numbers as numbers. */
    TypeKind kindOf(int styleIndex) {
        if (styles == null || styleIndex < 0 || styleIndex >= styles.getNumCellStyles()) {
            return null;
        }
        return byStyle.computeIfAbsent(styleIndex, i -> {
            XSSFCellStyle style = styles.getStyleAt(i);
            int id = style.getDataFormat();
            String format = style.getDataFormatString();
            if (format == null) {
                format = BuiltinFormats.getBuiltinFormat(id);
            }
            return format != null && DateUtil.isADateFormat(id, format) ? kindOf(format) : null;
        });
    }

    /** The kind a date format shows, from its tokens, ignoring quoted text and [colour] sections. */
    static TypeKind kindOf(String format) {
        String tokens = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[(?![hHmMsS]+\\])[^\\]]*\\]", "")
                .replaceAll("\\\\.", "").toLowerCase(java.util.Locale.ROOT);
        boolean time = tokens.contains("h") || tokens.contains("s") || tokens.contains("am/pm") || tokens.contains("a/p");
        boolean date = tokens.contains("y") || tokens.contains("d") || (!time && tokens.contains("m"));
        return time ? (date ? TypeKind.DATETIME : TypeKind.TIME) : TypeKind.DATE;
    }
}
