package com.krenalis.connector.json;

import com.krenalis.conformance.Fixture;
import java.util.ArrayList;
import java.util.List;

/** Fixture users as JSON text, written by hand (not by the connector's writer). */
final class JsonText {
    private JsonText() {
    }

    static List<String> objects(List<Fixture.User> users) {
        List<String> out = new ArrayList<>();
        for (Fixture.User u : users) {
            out.add("{\"id\": " + string(u.id()) + ", \"email\": " + string(u.email()) + ", \"first_name\": "
                    + string(u.firstName()) + ", \"score\": " + u.score() + ", \"vip\": " + u.vip() + ", \"birth_date\": "
                    + string(u.birthDate()) + ", \"updated_at\": " + string(u.updatedAt()) + "}");
        }
        return out;
    }

    static String string(Object value) {
        if (value == null) {
            return "null";
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String array(List<String> elements) {
        return "[\n  " + String.join(",\n  ", elements) + "\n]\n";
    }

    static String ndjson(List<String> lines) {
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }
}
