package com.krenalis.connector.other;

/** Fixture: stands in for a class of another connector bundle, which a connector may not use either. */
public final class SharedClient {
    public static String name() {
        return "other";
    }
}
