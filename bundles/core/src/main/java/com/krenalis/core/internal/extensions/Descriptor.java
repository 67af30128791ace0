package com.krenalis.core.internal.extensions;

import java.util.List;

/** What the catalog reads from an extension once it is active. */
record Descriptor(String code, String name, List<String> kinds) {
}
