package com.krenalis.core.internal;

/** Fixture: stands in for a class of the core's implementation, which no connector may use. */
public final class IdentityStore {
    public static String lookup(String id) {
        return id;
    }
}
