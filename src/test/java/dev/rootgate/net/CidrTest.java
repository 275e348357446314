package dev.rootgate.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CidrTest {

    static Stream<Arguments> containment() {
        return Stream.of(
                arguments("IPv4 address inside its /8", "10.0.0.0/8", "10.200.3.4", true),
                arguments("IPv4 address just outside the /8", "10.0.0.0/8", "11.0.0.0", false),
                arguments("IPv4 /32 is exactly one host", "203.0.113.7/32", "203.0.113.7", true),
                arguments("IPv4 /32 excludes its neighbour", "203.0.113.7/32", "203.0.113.8", false),
                arguments("IPv4 /0 is every IPv4 address", "0.0.0.0/0", "198.51.100.1", true),
                arguments("IPv4 prefix not on a byte boundary", "192.168.16.0/20", "192.168.31.255", true),
                arguments("IPv4 prefix not on a byte boundary, outside", "192.168.16.0/20", "192.168.32.0", false),
                arguments("IPv6 address inside its /32", "2001:db8::/32", "2001:db8:1::42", true),
                arguments("IPv6 address outside its /32", "2001:db8::/32", "2001:db9::1", false),
                arguments("IPv6 /128 is exactly one host", "2001:db8::1/128", "2001:db8::1", true),
                arguments("IPv4 address never matches an IPv6 range, even ::/0", "::/0", "10.0.0.1", false),
                arguments("IPv6 address never matches an IPv4 range, even 0.0.0.0/0", "0.0.0.0/0", "2001:db8::1", false),
                arguments("IPv4-mapped client address is treated as IPv4", "10.0.0.0/8", "::ffff:10.1.2.3", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containment")
    void contains(String rule, String cidr, String address, boolean expected) throws UnknownHostException {
        assertEquals(expected, Cidr.parse(cidr).contains(InetAddress.getByName(address)), rule);
    }

    @Test
    void missingAddressIsNeverContained() {
        assertFalse(Cidr.parse("0.0.0.0/0").contains(null));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("prefix length is required", "10.0.0.0", "prefix is missing"),
                arguments("IPv4 prefix beyond 32", "10.0.0.0/33", "outside 0..32"),
                arguments("IPv6 prefix beyond 128", "2001:db8::/129", "outside 0..128"),
                arguments("octet beyond 255", "10.0.0.256/32", "bad IPv4 octet"),
                arguments("leading zeros are ambiguous", "010.0.0.0/8", "bad IPv4 octet"),
                arguments("short IPv4 forms are refused", "10.0/16", "not an IPv4 or IPv6 address"),
                arguments("host names are refused, never resolved", "example.com/32", "not an IPv4 or IPv6 address"),
                arguments("broken IPv6", "2001:db8:::1/64", "bad IPv6 address"),
                arguments("IPv6 zone ids are refused", "fe80::1%eth0/64", "not an IPv4 or IPv6 address"),
                arguments("IPv4-mapped IPv6 ranges are refused", "::ffff:10.0.0.0/104", "IPv4-mapped"),
                arguments("host bits set is a likely typo", "10.1.2.3/8", "host bits set"),
                arguments("prefix must be a number", "10.0.0.0/eight", "bad prefix length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parseRefuses(String rule, String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text), rule);
        assertTrue(e.getMessage().contains(reason), () -> rule + ": " + e.getMessage());
    }

    @Test
    void toStringIsTheShortForm() {
        assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
        assertEquals("2001:db8::/32", Cidr.parse("2001:0DB8:0000::/32").toString());
        assertEquals("2001:db8:0:1::/64", Cidr.parse("2001:db8:0:1:0:0:0:0/64").toString());
        assertEquals("::/0", Cidr.parse("::/0").toString());
        assertEquals("::1/128", Cidr.parse("::1/128").toString());
    }

    @Test
    void equalRangesAreEqual() {
        assertEquals(Cidr.parse("2001:db8::/32"), Cidr.parse("2001:0db8:0:0::/32"));
        assertTrue(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("10.0.0.0/8").network()));
    }
}
