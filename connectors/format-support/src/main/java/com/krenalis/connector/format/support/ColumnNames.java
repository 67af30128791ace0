package com.krenalis.connector.format.support;

import com.krenalis.api.types.Property;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the column names of a file (a CSV header, a sheet's first row, JSON keys, Parquet fields) into property names
 * ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters), always the same way, so that discover and read agree.
 *
 * <ul>
 *   <li>A name that already is a valid property name is kept as it is ({@code email}, {@code firstName}).</li>
 *   <li>Any other is lower-cased, its accents dropped ({@code é} → {@code e}), each run of other characters turned
 *       into one {@code _}, leading and trailing {@code _} removed ({@code "First Name"} → {@code first_name},
 *       {@code "E-mail address "} → {@code e_mail_address}); a name starting with a digit gets a leading {@code _}
 *       ({@code "2nd phone"} → {@code _2nd_phone}); a name left empty becomes {@code column_N}, N its 1-based
 *       position; a name longer than 63 characters is cut.</li>
 *   <li>A name equal to an earlier one, ignoring case (warehouses may fold case), gets {@code _2}, {@code _3}...</li>
 * </ul>
 */
public final class ColumnNames {
    static final int MAX = 63;

    private ColumnNames() {
    }

    /** Property names for columns, in order; see the class comment. */
    public static List<String> of(List<String> columns) {
        List<String> out = new ArrayList<>(columns.size());
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String base = identifier(columns.get(i), i + 1);
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                String suffix = "_" + n;
                name = base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
            }
            out.add(name);
        }
        return out;
    }

    /** Names of the columns of a file without header: {@code column_1}, {@code column_2}... */
    public static List<String> numbered(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add("column_" + i);
        }
        return out;
    }

    /** One column's identifier, before duplicates are told apart. */
    static String identifier(String column, int position) {
        if (column != null && Property.isValidName(column)) {
            return column;
        }
        String text = column == null ? "" : Normalizer.normalize(column.strip(), Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // the accent of a decomposed letter
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                if (gap && b.length() > 0) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
                gap = false;
            } else {
                gap = true;
            }
        }
        if (b.length() == 0) {
            return "column_" + position;
        }
        if (Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.length() > MAX ? b.substring(0, MAX) : b.toString();
    }
}
