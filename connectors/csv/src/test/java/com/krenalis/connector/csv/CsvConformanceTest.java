package com.krenalis.connector.csv;

import com.krenalis.api.connector.Connector;
import com.krenalis.conformance.FileFormatConformance;
import com.krenalis.conformance.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared file-format suite, on CSV text written here by hand (not by the connector's writer). */
class CsvConformanceTest extends FileFormatConformance {

    @Override
    protected Connector connector() {
        return new CsvConnector();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("delimiter", "comma", "header", true);
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("delimiter", "colon");
    }

    @Override
    protected String invalidField() {
        return "delimiter";
    }

    @Override
    protected byte[] file(List<Fixture.User> users) {
        return csv(lines(users));
    }

    @Override
    protected byte[] fileWithMalformedRecord(List<Fixture.User> users) {
        List<String> lines = lines(users);
        lines.add(3, "u9,extra@example.com,Extra,1,true,2000-01-01,2026-03-01T10:00:00Z,one cell too many");
        return csv(lines);
    }

    /** A quote opened on the third line and never closed: the parser cannot find where the record ends. */
    @Override
    protected byte[] brokenFile() {
        List<String> lines = lines(Fixture.users());
        lines.set(2, "u2,\"zoe@example.com,Zoë,-7,false,1988-02-29,2026-03-01T10:01:00.123Z");
        return csv(lines);
    }

    static List<String> lines(List<Fixture.User> users) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", Fixture.COLUMNS));
        for (Fixture.User u : users) {
            lines.add(String.join(",", u.id(), u.email(), cell(u.firstName()), cell(u.score()), cell(u.vip()),
                    cell(u.birthDate()), u.updatedAt().toString()));
        }
        return lines;
    }

    /** RFC 4180 by hand: quote a cell holding a comma or a quote, doubling the quotes; null is an empty cell. */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static byte[] csv(List<String> lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
