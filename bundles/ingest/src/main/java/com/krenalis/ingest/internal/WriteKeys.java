package com.krenalis.ingest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a request's write key comes from, in order of precedence: the Authorization header (HTTP Basic with the key
 * as user name, as every Segment and RudderStack SDK sends it, or Bearer), the {@code writeKey} query parameter, then
 * the body's {@code writeKey}. The header wins so that events forwarded by another platform, which may carry that
 * platform's own write key in the body, land in the source whose key authenticated the request.
 */
final class WriteKeys {
    private WriteKeys() {
    }

    /** The key from the Authorization header or the query, or null when neither has one. */
    static String fromRequest(String authorization, String queryWriteKey) {
        if (authorization != null && !authorization.isBlank()) {
            String h = authorization.trim();
            if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new CollectorError(401, "unauthorized", "the Basic Authorization header is not valid base64");
                }
                int colon = decoded.indexOf(':');
                String user = colon < 0 ? decoded : decoded.substring(0, colon);
                if (!user.isEmpty()) {
                    return user;
                }
            } else if (h.regionMatches(true, 0, "Bearer ", 0, 7) && h.length() > 7) {
                return h.substring(7).trim();
            }
        }
        return queryWriteKey == null || queryWriteKey.isBlank() ? null : queryWriteKey.trim();
    }
}
