package com.krenalis.connector.event.sources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code allowedOrigins} setting of the JavaScript source: a comma-separated list of web origins, each
 * {@code scheme://host[:port]} as browsers send it in the {@code Origin} header (lower case, no default port, no
 * path), or {@code scheme://*.domain[:port]} for every subdomain of a domain. {@link #PATTERN} is the syntax, checked
 * by the settings spec; {@link #problems} adds the rules a pattern cannot express. Keeping entries in the form
 * browsers send lets the collector compare them with the header as plain strings.
 */
final class AllowedOrigins {
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final String HOST = "(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-f:.]+\\]";
    private static final String ORIGIN = "https?://(?:" + HOST + ")(?::[0-9]{1,5})?";
    /** Empty, or origins separated by commas (spaces around a comma are allowed). */
    static final String PATTERN = "(?:" + ORIGIN + "(?: *, *" + ORIGIN + ")*)?";

    private static final Pattern PARTS = Pattern.compile("(https?)://(\\*\\.)?(\\[[^\\]]+\\]|[^:]+)(?::([0-9]+))?");

    private AllowedOrigins() {
    }

    /** The entries of a value that matches {@link #PATTERN}; empty when every origin is allowed. */
    static List<String> parse(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Whether a browser's Origin header matches an entry: exactly (the stored entries are canonical, as browsers send
     * them), or for {@code scheme://*.domain[:port]} any subdomain at any depth, never the bare domain. "null" (the
     * origin of sandboxed and file pages) matches nothing.
     */
    static boolean matches(List<String> allowed, String origin) {
        if (allowed.isEmpty()) {
            return true;
        }
        String o = origin.trim().toLowerCase(java.util.Locale.ROOT);
        for (String entry : allowed) {
            if (entry.equals(o)) {
                return true;
            }
            int star = entry.indexOf("://*.");
            if (star > 0) {
                String prefix = entry.substring(0, star + 3); // scheme://
                String suffix = entry.substring(star + 4);     // .domain[:port]
                if (o.startsWith(prefix) && o.endsWith(suffix) && o.length() > prefix.length() + suffix.length()
                        && !o.substring(prefix.length(), o.length() - suffix.length()).contains("/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What is wrong with the entries of a value that matches {@link #PATTERN}, one message per problem. */
    static List<String> problems(String value) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String origin : parse(value)) {
            if (!seen.add(origin)) {
                problems.add(origin + " is listed twice");
            }
            Matcher m = PARTS.matcher(origin);
            if (!m.matches()) {
                continue; // cannot happen after the pattern check; the spec reports the syntax
            }
            String scheme = m.group(1);
            boolean wildcard = m.group(2) != null;
            String host = m.group(3);
            String port = m.group(4);
            if (port != null) {
                int n = Integer.parseInt(port);
                if (n < 1 || n > 65535 || !port.equals(Integer.toString(n))) {
                    problems.add(origin + ": the port must be a number from 1 to 65535 without leading zeros");
                } else if (n == (scheme.equals("https") ? 443 : 80)) {
                    problems.add(origin + ": browsers omit the default port, write " + scheme + "://"
                            + (wildcard ? "*." : "") + host);
                }
            }
            if (wildcard && !host.contains(".")) {
                problems.add(origin + ": a wildcard must be followed by a domain of at least two labels, such as "
                        + "*.example.com");
            }
        }
        return problems;
    }
}
