package com.krenalis.core.internal.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * IP address literals, parsed and normalised here rather than by {@link java.net.InetAddress}, which resolves any
 * string that is not a literal through DNS (a value would then make the server look up host names) and turns
 * IPv4-mapped IPv6 addresses into IPv4 ones.
 *
 * <p>IPv4: four decimal numbers 0–255 without leading zeros ({@code 010} could mean octal). IPv6: RFC 4291 text
 * (groups of 1–4 hex digits, one {@code ::}, an IPv4 tail), without zone or prefix; written back in the RFC 5952
 * form (lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}, IPv4-mapped
 * addresses as {@code ::ffff:192.0.2.1}).
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The normal form of an IPv4 or IPv6 literal, or null when the text is not one. */
    static String normalize(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            int[] v4 = ipv4(text);
            return v4 == null ? null : v4[0] + "." + v4[1] + "." + v4[2] + "." + v4[3];
        }
        int[] words = ipv6(text);
        return words == null ? null : format(words);
    }

    private static int[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] bytes = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            bytes[i] = v;
        }
        return bytes;
    }

    /** The eight 16-bit groups, or null. */
    private static int[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head;
        List<Integer> tail;
        if (gap < 0) {
            head = groups(text, true);
            tail = List.of();
            if (head == null || head.size() != 8) {
                return null;
            }
        } else {
            head = groups(text.substring(0, gap), false);
            tail = groups(text.substring(gap + 2), true);
            if (head == null || tail == null || head.size() + tail.size() > 7) {
                return null;
            }
        }
        int[] words = new int[8];
        for (int i = 0; i < head.size(); i++) {
            words[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            words[8 - tail.size() + i] = tail.get(i);
        }
        return words;
    }

    /** Colon-separated groups; an IPv4 tail counts as two. Null when malformed. */
    private static List<Integer> groups(String part, boolean ipv4Tail) {
        List<Integer> words = new ArrayList<>();
        if (part.isEmpty()) {
            return words;
        }
        String[] tokens = part.split(":", -1);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (ipv4Tail && i == tokens.length - 1 && t.indexOf('.') >= 0) {
                int[] v4 = ipv4(t);
                if (v4 == null) {
                    return null;
                }
                words.add(v4[0] << 8 | v4[1]);
                words.add(v4[2] << 8 | v4[3]);
                continue;
            }
            if (t.isEmpty() || t.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < t.length(); j++) {
                int digit = Character.digit(t.charAt(j), 16);
                if (digit < 0 || t.charAt(j) > 'f') {
                    return null; // Character.digit also accepts non-ASCII digits
                }
                v = v << 4 | digit;
            }
            words.add(v);
        }
        return words;
    }

    private static String format(int[] w) {
        if (w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0xffff) {
            return "::ffff:" + (w[6] >> 8) + "." + (w[6] & 0xff) + "." + (w[7] >> 8) + "." + (w[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened (RFC 5952 4.2.2)
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }
}
