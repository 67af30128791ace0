package com.krenalis.core.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void ipv4IsStrictDottedDecimal() {
        assertEquals("0.0.0.0", IpAddresses.normalize("0.0.0.0"));
        assertEquals("255.255.255.255", IpAddresses.normalize("255.255.255.255"));
        for (String bad : new String[] {"256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.", ".1.2.3", "1..2.3",
                "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "1.2.3.a", "١.2.3.4", "1234.1.1.1", "", "localhost", "1"}) {
            assertNull(IpAddresses.normalize(bad), bad);
        }
    }

    @Test
    void ipv6IsWrittenInTheRfc5952Form() {
        assertEquals("::", IpAddresses.normalize("::"));
        assertEquals("::1", IpAddresses.normalize("0:0:0:0:0:0:0:1"));
        assertEquals("1::", IpAddresses.normalize("1:0:0:0:0:0:0:0"));
        assertEquals("2001:db8::1", IpAddresses.normalize("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddresses.normalize("2001:db8:0:1:1:1:1:1"), "one zero group stays");
        assertEquals("2001:0:0:1::1", IpAddresses.normalize("2001:0:0:1:0:0:0:1"), "the longest run");
        assertEquals("2001:db8::1:0:0:1", IpAddresses.normalize("2001:db8:0:0:1:0:0:1"), "the first of equal runs");
        assertEquals("::ffff:192.0.2.1", IpAddresses.normalize("::ffff:192.0.2.1"), "IPv4-mapped stays IPv6");
        assertEquals("::ffff:192.0.2.1", IpAddresses.normalize("0:0:0:0:0:ffff:c000:201"));
        assertEquals("64:ff9b::c000:201", IpAddresses.normalize("64:ff9b::192.0.2.1"), "an IPv4 tail elsewhere is hex");
        assertEquals("fe80::1:2", IpAddresses.normalize("FE80::0001:0002"));
        assertEquals("1:2:3:4:5:6:7:8", IpAddresses.normalize("1:2:3:4:5:6:7:8"));
    }

    @Test
    void malformedIpv6IsRefused() {
        for (String bad : new String[] {":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7::8", "12345::", "g::1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1.2.3.4::",
                "::1.2.3", "::256.1.1.1", "fe80::1%eth0", "::1/128", "[::1]", "::ffff:1.2.3.4:1", "１::"}) {
            assertNull(IpAddresses.normalize(bad), bad);
        }
    }
}
