package com.krenalis.connector.excel;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.connector.format.support.ValueText;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes records into one sheet with POI's streaming workbook (SXSSF: rows beyond a window of 100 go to a temporary
 * file), then the workbook into the stream on {@link #commit}. A workbook is one whole, so a writer commits once.
 * Dates are numbers with a date format ({@code yyyy-mm-dd}), instants UTC date-times ({@code yyyy-mm-dd
 * hh:mm:ss.000}), times {@code hh:mm:ss}; whole numbers beyond 2^53 and decimals of more than 15 digits are written as
 * text, since an Excel number (a double) cannot hold them; maps and lists as JSON text.
 */
final class ExcelWriter implements RecordDestination.RecordWriter {
    private static final long EXACT = 1L << 53;

    private final OutputStream out;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
    private final SXSSFSheet sheet;
    private final List<String> columns;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle time;
    private boolean committed;

    ExcelWriter(OutputStream out, String sheetName, boolean header, ObjectType schema) {
        this.out = out;
        this.columns = schema.properties().stream().map(Property::name).toList();
        this.sheet = workbook.createSheet(sheetName);
        this.date = style("yyyy-mm-dd");
        this.dateTime = style("yyyy-mm-dd hh:mm:ss.000");
        this.time = style("hh:mm:ss");
        if (header) {
            Row row = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                row.createCell(i).setCellValue(columns.get(i));
            }
        }
    }

    private CellStyle style(String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    @Override
    public void write(Map<String, Object> record) throws ConnectorException {
        if (committed) {
            throw new ConnectorException("the workbook is already written: an Excel writer commits once");
        }
        int next = sheet.getLastRowNum() + 1;
        if (next >= SpreadsheetVersion.EXCEL2007.getMaxRows()) {
            throw new ConnectorException("a sheet holds at most " + SpreadsheetVersion.EXCEL2007.getMaxRows() + " rows");
        }
        Row row = sheet.createRow(next);
        for (int i = 0; i < columns.size(); i++) {
            Object value = record.get(columns.get(i));
            if (value != null) {
                try {
                    set(row.createCell(i), value);
                } catch (IllegalArgumentException e) { // text longer than a cell holds
                    throw new ConnectorException("cannot write " + columns.get(i) + " in row " + (next + 1) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void set(org.apache.poi.ss.usermodel.Cell cell, Object value) {
        if (value instanceof Boolean b) {
            cell.setCellValue(b);
        } else if ((value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
                && Math.abs(((Number) value).longValue()) <= EXACT) {
            cell.setCellValue(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            cell.setCellValue(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal d && d.precision() <= 15) {
            cell.setCellValue(d.doubleValue());
        } else if (value instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(date);
        } else if (value instanceof LocalTime t) {
            cell.setCellValue(t.toNanoOfDay() / 86_400e9);
            cell.setCellStyle(time);
        } else if (utc(value) != null) {
            cell.setCellValue(utc(value));
            cell.setCellStyle(dateTime);
        } else {
            cell.setCellValue(ValueText.of(value));
        }
    }

    private static LocalDateTime utc(Object value) {
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime o) {
            return LocalDateTime.ofInstant(o.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime z) {
            return LocalDateTime.ofInstant(z.toInstant(), ZoneOffset.UTC);
        }
        return value instanceof LocalDateTime l ? l : null;
    }

    @Override
    public void commit() throws ConnectorException {
        if (committed) {
            return;
        }
        committed = true;
        try {
            workbook.write(out);
            out.flush();
        } catch (IOException e) {
            throw new ConnectorException("cannot write the workbook: " + e.getMessage(), e);
        } finally {
            workbook.dispose();
        }
    }

    /** Discards the workbook's temporary files; a workbook not committed is not written. */
    @Override
    public void close() throws ConnectorException {
        try {
            workbook.dispose();
            workbook.close();
        } catch (IOException e) {
            throw new ConnectorException("cannot close the workbook: " + e.getMessage(), e);
        }
    }
}
