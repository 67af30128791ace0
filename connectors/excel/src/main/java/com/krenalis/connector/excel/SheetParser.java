package com.krenalis.connector.excel;

import com.krenalis.api.types.TypeKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a worksheet's XML with SAX, row by row, and hands each row's cells to a {@link Rows} callback: only one row is
 * in memory. Cell values are typed here ({@link Cell}): shared and inline strings, booleans, numbers (whole ones as
 * {@code Long}), date-formatted numbers as dates, times or UTC instants rounded to the millisecond, a formula's cached
 * value, and errors.
 */
final class SheetParser extends DefaultHandler {
    /** What receives the rows; returning false stops the parse. */
    interface Rows {
        boolean row(int number, List<Cell> cells);
    }

    /** Thrown through the SAX parser to stop it early. */
    private static final class Stop extends SAXException {
        private static final long serialVersionUID = 1L;
    }

    /** Whole numbers up to 2^53 are exact in a double, and only those are read as {@code Long}. */
    private static final double EXACT = 9_007_199_254_740_992d;

    private final SharedStrings strings;
    private final DateFormats dates;
    private final boolean date1904;
    private final Rows rows;
    private final StringBuilder text = new StringBuilder();
    private List<Cell> cells = new ArrayList<>();
    private int rowNumber;
    private int nextColumn;
    private String ref;
    private String type;
    private int style;
    private boolean inValue;
    private boolean inInlineText;
    private boolean inPhonetic;

    SheetParser(SharedStrings strings, DateFormats dates, boolean date1904, Rows rows) {
        this.strings = strings;
        this.dates = dates;
        this.date1904 = date1904;
        this.rows = rows;
    }

    /** Parses the sheet; returns normally at its end or when the callback asked to stop. */
    void parse(InputStream sheet) throws IOException, SAXException {
        XMLReader reader;
        try {
            reader = XMLHelper.newXMLReader(); // hardened: no external entities
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
        reader.setContentHandler(this);
        try {
            reader.parse(new InputSource(sheet));
        } catch (Stop stopped) {
            // the callback asked to stop
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "row" -> {
                String r = attributes.getValue("r");
                rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                nextColumn = 0;
                cells = new ArrayList<>();
            }
            case "c" -> {
                ref = attributes.getValue("r");
                type = attributes.getValue("t");
                String s = attributes.getValue("s");
                style = s == null ? 0 : Integer.parseInt(s);
                text.setLength(0);
            }
            case "v" -> {
                inValue = true;
                text.setLength(0);
            }
            case "rPh" -> inPhonetic = true;
            case "t" -> inInlineText = "inlineStr".equals(type) && !inPhonetic;
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inValue || inInlineText) {
            text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        switch (localName) {
            case "v" -> inValue = false;
            case "t" -> inInlineText = false;
            case "rPh" -> inPhonetic = false;
            case "c" -> {
                int column = ref == null ? nextColumn : new CellReference(ref).getCol();
                String cellRef = ref == null ? new CellReference(rowNumber - 1, column).formatAsString(false) : ref;
                cells.add(cell(column, cellRef));
                nextColumn = column + 1;
            }
            case "row" -> {
                if (!rows.row(rowNumber, cells)) {
                    throw new Stop();
                }
            }
            default -> {
            }
        }
    }

    private Cell cell(int column, String cellRef) {
        String raw = text.toString();
        if ("e".equals(type)) {
            return new Cell(column, cellRef, null, raw.isEmpty() ? "#N/A" : raw);
        }
        if (raw.isEmpty() && !"inlineStr".equals(type) && !"str".equals(type)) {
            return new Cell(column, cellRef, null, null);
        }
        Object value = switch (type == null ? "n" : type) {
            case "s" -> strings.getItemAt(Integer.parseInt(raw.trim())).getString();
            case "inlineStr", "str" -> raw;
            case "b" -> "1".equals(raw.trim()) || "true".equalsIgnoreCase(raw.trim());
            case "d" -> raw; // an ISO 8601 date cell (strict OOXML), rare: kept as text
            default -> number(Double.parseDouble(raw));
        };
        return new Cell(column, cellRef, value, null);
    }

    private Object number(double n) {
        TypeKind dateKind = dates.kindOf(style);
        if (dateKind != null && DateUtil.isValidExcelDate(n)) {
            LocalDateTime at = DateUtil.getLocalDateTime(n, date1904, false); // rounded to the millisecond
            return switch (dateKind) {
                case DATE -> at.toLocalDate();
                case TIME -> at.toLocalTime();
                default -> at.toInstant(ZoneOffset.UTC);
            };
        }
        if (n == Math.rint(n) && Math.abs(n) <= EXACT) {
            return (long) n;
        }
        return n;
    }
}
