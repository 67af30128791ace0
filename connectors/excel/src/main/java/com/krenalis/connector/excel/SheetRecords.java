package com.krenalis.connector.excel;

import com.krenalis.connector.format.support.ColumnNames;
import com.krenalis.connector.format.support.ValueText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;

/**
 * Turns sheet rows into records. With a header, its first row names the columns (its cells' text through
 * {@link ColumnNames}) and a value in a column right of the header is an error; without, columns are named by their
 * letters ({@code A}, {@code B}... {@code AA}), as the spreadsheet shows them. A row whose cells are all blank is
 * skipped; a row with an error cell is rejected naming the cell.
 */
final class SheetRecords implements SheetParser.Rows {
    /** What receives the records. */
    interface Records {
        void header(List<String> columns);

        void record(String position, Map<String, Object> properties, List<Cell> cells);

        void malformed(String position, String message);

        boolean stop();
    }

    private final boolean header;
    private final Records records;
    private List<String> columns;

    SheetRecords(boolean header, Records records) {
        this.header = header;
        this.records = records;
        if (!header) {
            columns = new ArrayList<>();
        }
    }

    @Override
    public boolean row(int number, List<Cell> cells) {
        if (records.stop()) {
            return false;
        }
        if (columns == null) {
            int width = cells.isEmpty() ? 0 : cells.get(cells.size() - 1).column() + 1;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                names.add(null);
            }
            cells.forEach(c -> names.set(c.column(), ValueText.of(c.value())));
            columns = ColumnNames.of(names);
            records.header(columns);
            return true;
        }
        if (cells.stream().allMatch(c -> c.value() == null && c.error() == null)) {
            return true;
        }
        String position = "row " + number;
        Map<String, Object> properties = new LinkedHashMap<>();
        if (header) {
            columns.forEach(c -> properties.put(c, null));
        }
        for (Cell cell : cells) {
            if (cell.error() != null) {
                records.malformed(position, "cell " + cell.ref() + " holds the error " + cell.error());
                return true;
            }
            if (cell.value() == null) {
                continue;
            }
            if (header && cell.column() >= columns.size()) {
                records.malformed(position, "cell " + cell.ref() + " is right of the last column of the header ("
                        + CellReference.convertNumToColString(columns.size() - 1) + ")");
                return true;
            }
            properties.put(header ? columns.get(cell.column()) : CellReference.convertNumToColString(cell.column()), cell.value());
        }
        records.record(position, properties, cells);
        return true;
    }
}
