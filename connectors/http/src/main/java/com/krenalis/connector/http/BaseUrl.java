package com.krenalis.connector.http;

import com.krenalis.connector.storage.paths.StoragePath;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The root of an HTTP storage: an http(s) URL without user info, query or fragment, whose path ends with "/". A file
 * is the base URL followed by the path, each segment percent-encoded, so that a name is always a name ("%2e%2e" is
 * sent as "%252e%252e", "a b" as "a%20b").
 */
record BaseUrl(URI uri) {

    /** Parses a base URL, or says in words what is wrong with it (without quoting it: it may hold a token). */
    static BaseUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not hold a user name or password: use the authorization setting");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a query (?...) or fragment (#...): files are named beneath it");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path += "/";
        }
        return new BaseUrl(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    URI resolve(StoragePath path) {
        StringBuilder url = new StringBuilder(uri.toString());
        for (String segment : path.segments()) {
            if (url.charAt(url.length() - 1) != '/') {
                url.append('/');
            }
            url.append(encode(segment));
        }
        return URI.create(url.toString());
    }

    /** Whether a redirect target is on the same scheme, host and port as the base URL (credentials may go there). */
    boolean sameOrigin(URI target) {
        return target.getScheme() != null && target.getHost() != null
                && target.getScheme().equalsIgnoreCase(uri.getScheme())
                && target.getHost().equalsIgnoreCase(uri.getHost())
                && port(target) == port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** RFC 3986 percent-encoding of one segment: everything but the unreserved characters, as UTF-8. */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
