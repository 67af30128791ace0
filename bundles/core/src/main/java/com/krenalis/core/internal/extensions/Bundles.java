package com.krenalis.core.internal.extensions;

import com.krenalis.api.platform.Extension;
import com.krenalis.api.platform.Extension.ExtensionType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/** Reading what the catalog needs from bundles. */
final class Bundles {
    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");

    private Bundles() {
    }

    static Extension extension(ExtensionType type, String code, String name, List<String> kinds, Bundle b, String state,
                               String failure) {
        Extension.BundleRef ref = b == null ? null
                : new Extension.BundleRef(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), b.getLocation());
        return new Extension(type, code, name, kinds, b == null ? null : b.getVersion().toString(),
                header(b, Constants.BUNDLE_VENDOR), license(b), ref, state, failure);
    }

    /** The license name, without the link attribute bnd adds. */
    private static String license(Bundle b) {
        String license = header(b, "Bundle-License");
        if (license == null) {
            return null;
        }
        int semicolon = license.indexOf(';');
        return semicolon < 0 ? license : license.substring(0, semicolon);
    }

    private static String header(Bundle b, String name) {
        return b == null ? null : b.getHeaders().get(name);
    }

    /** Whether the bundle declares a service of that type (bnd writes osgi.service capabilities for DS components). */
    static boolean declaresService(Bundle b, String serviceType) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        return revision.getDeclaredCapabilities("osgi.service").stream()
                .map(c -> c.getAttributes().get("objectClass"))
                .anyMatch(o -> o instanceof List<?> l ? l.contains(serviceType) : serviceType.equals(o));
    }

    /** Why an installed bundle does not resolve: the packages no bundle exports. */
    static String unresolvedReason(Bundle b, FrameworkWiring wiring) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        List<String> missing = new ArrayList<>();
        if (revision != null) {
            for (BundleRequirement req : revision.getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
                boolean optional = PackageNamespace.RESOLUTION_OPTIONAL.equals(req.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
                if (!optional && wiring.findProviders(req).isEmpty()) {
                    String filter = req.getDirectives().getOrDefault("filter", "");
                    Matcher m = PACKAGE.matcher(filter);
                    missing.add(m.find() ? m.group(1) : filter);
                }
            }
        }
        return missing.isEmpty()
                ? "the bundle cannot be resolved"
                : "the bundle cannot be resolved: no bundle exports " + String.join(", ", missing)
                        + (missing.stream().anyMatch(p -> p.startsWith("com.krenalis.") && !p.startsWith("com.krenalis.api."))
                        ? " (extensions may only import com.krenalis.api packages)" : "");
    }
}
