package com.krenalis.connector.json;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.types.TypeKind;
import com.krenalis.conformance.FileFormatConformance;

/** The shared file-format suite on JSON, whichever the layout: the connector, and the types discover finds. */
abstract class JsonConformance extends FileFormatConformance {

    @Override
    protected Connector connector() {
        return new JsonConnector();
    }

    /** JSON has numbers and booleans: discover says so; dates are strings in JSON. */
    @Override
    protected TypeKind expectedKind(String column) {
        return switch (column) {
            case "score" -> TypeKind.INT;
            case "vip" -> TypeKind.BOOLEAN;
            default -> TypeKind.STRING;
        };
    }
}
