package com.krenalis.core.internal.filters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address compared as PostgreSQL's {@code inet} compares host addresses: by family and bytes, so
 * {@code ::1} equals {@code 0:0:0:0:0:0:0:1} and the IPv4-mapped {@code ::ffff:1.2.3.4} is not {@code 1.2.3.4}.
 *
 * @param text the address as given (bound as text and cast to {@code inet} in SQL)
 */
public record IpAddress(String text, byte[] bytes) {
    private static final Pattern V4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** The address, or empty when the text is not a plain address (no DNS lookup: only literals are read). */
    public static Optional<IpAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (V4.matcher(text).matches()) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!V6.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0 && bytes.length == 4) {
            // Java reads ::ffff:a.b.c.d as an IPv4 address; PostgreSQL keeps it IPv6.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return Optional.of(new IpAddress(text, bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text;
    }
}
