package com.krenalis.connector.excel;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.connector.format.support.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An .xlsx workbook opened for streaming: the stream is spooled to a temporary file (a zip's directory is at its end)
 * and opened read-only, so that only the parts read are inflated, one at a time. The shared strings table is held in
 * memory (POI's read-only table); the sheets are streamed. Anything that is not a workbook is a
 * {@link ConnectorException}.
 */
final class Workbook implements AutoCloseable {
    private final Spool spool;
    private final OPCPackage pkg;
    private final XSSFReader reader;

    private Workbook(Spool spool, OPCPackage pkg, XSSFReader reader) {
        this.spool = spool;
        this.pkg = pkg;
        this.reader = reader;
    }

    static Workbook open(InputStream in) throws ConnectorException {
        Spool spool = Spool.of(in, ".xlsx");
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(spool.file().toFile(), PackageAccess.READ);
            return new Workbook(spool, pkg, new XSSFReader(pkg));
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            if (pkg != null) {
                pkg.revert();
            }
            spool.close();
            throw new ConnectorException("not an Excel .xlsx workbook: " + reason(e), e);
        }
    }

    /** Parses the named sheet, or the first one when the name is null. */
    void parse(String sheetName, SheetParser.Rows rows) throws ConnectorException {
        try {
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    names.add(sheets.getSheetName());
                    if (sheetName == null || sheetName.equals(sheets.getSheetName())) {
                        SheetParser parser = new SheetParser(new ReadOnlySharedStringsTable(pkg, false),
                                new DateFormats(reader.getStylesTable()), date1904(), rows);
                        parser.parse(sheet);
                        return;
                    }
                }
            }
            throw new ConnectorException(sheetName == null ? "the workbook has no sheet"
                    : "the workbook has no sheet named '" + sheetName + "'; its sheets are " + names);
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            throw new ConnectorException("cannot read the workbook: " + reason(e), e);
        }
    }

    /** Whether dates count from 1904 (old Mac workbooks) rather than 1900: the workbookPr's date1904 attribute. */
    private boolean date1904() throws IOException, OpenXML4JException, SAXException {
        boolean[] found = {false};
        XMLReader xml;
        try {
            xml = XMLHelper.newXMLReader();
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
        xml.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                if ("workbookPr".equals(localName)) {
                    String v = attributes.getValue("date1904");
                    found[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                }
            }
        });
        try (InputStream workbook = reader.getWorkbookData()) {
            xml.parse(new InputSource(workbook));
        }
        return found[0];
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        pkg.revert(); // read-only: close without saving
        spool.close();
    }
}
