package com.krenalis.connector.excel;

import com.krenalis.conformance.Fixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Test workbooks, written with POI's user model directly (not with the connector's writer). */
final class Sheets {
    private Sheets() {
    }

    /** A workbook whose first sheet holds the users under a header; an error row after the second when asked. */
    static byte[] users(List<Fixture.User> users, boolean withErrorRow) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Users");
            CellStyle date = style(wb, "yyyy-mm-dd");
            CellStyle dateTime = style(wb, "yyyy-mm-dd hh:mm:ss.000");
            Row header = sheet.createRow(0);
            for (int i = 0; i < Fixture.COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(Fixture.COLUMNS.get(i));
            }
            int r = 1;
            for (int u = 0; u < users.size(); u++) {
                if (withErrorRow && u == 2) {
                    Row row = sheet.createRow(r++);
                    row.createCell(0).setCellValue("u9");
                    row.createCell(3).setCellErrorValue(FormulaError.DIV0.getCode());
                }
                Fixture.User user = users.get(u);
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(user.id());
                row.createCell(1).setCellValue(user.email());
                if (user.firstName() != null) {
                    row.createCell(2).setCellValue(user.firstName());
                }
                if (user.score() != null) {
                    // an Excel number is a double: past 2^53 a whole number is kept as text, as Excel itself does
                    if (Math.abs(user.score()) <= 1L << 53) {
                        row.createCell(3).setCellValue(user.score());
                    } else {
                        row.createCell(3).setCellValue(user.score().toString());
                    }
                }
                if (user.vip() != null) {
                    row.createCell(4).setCellValue(user.vip());
                }
                if (user.birthDate() != null) {
                    Cell cell = row.createCell(5);
                    cell.setCellValue(user.birthDate());
                    cell.setCellStyle(date);
                }
                Cell cell = row.createCell(6);
                cell.setCellValue(LocalDateTime.ofInstant(user.updatedAt(), ZoneOffset.UTC));
                cell.setCellStyle(dateTime);
            }
            wb.createSheet("Other").createRow(0).createCell(0).setCellValue("other");
            return bytes(wb);
        }
    }

    static CellStyle style(Workbook wb, String format) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(format));
        return style;
    }

    static byte[] bytes(Workbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
