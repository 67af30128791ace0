package com.krenalis.api.platform;

import java.util.List;

/**
 * An installed extension (connector, warehouse driver or transformation engine) and the bundle providing it.
 *
 * @param code    the extension's code; for a failed extension whose code is unknown, the component name
 * @param kinds   connector kinds, lower case; empty for drivers and engines
 * @param version the providing bundle's version
 * @param state   {@code active}, or {@code failed} with the reason in {@code failure}
 */
public record Extension(ExtensionType type, String code, String name, List<String> kinds, String version,
                        String vendor, String license, BundleRef bundle, String state, String failure) {

    public static final String ACTIVE = "active";
    public static final String FAILED = "failed";

    /** The bundle an extension comes from. */
    public record BundleRef(long id, String symbolicName, String version, String location) {
    }

    public enum ExtensionType {
        CONNECTOR, WAREHOUSE_DRIVER, TRANSFORMATION_ENGINE
    }
}
