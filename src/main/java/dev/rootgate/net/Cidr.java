package dev.rootgate.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network. An address of one family never falls inside a network of the other. */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // Starting with a hex digit or ':' keeps InetAddress on its literal-parsing path: it never asks DNS.
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " is outside 0.." + bits);
        }
        if (!hasOnlyNetworkBits(network.getAddress(), prefixLength)) {
            throw new IllegalArgumentException("'" + IpText.format(network) + "/" + prefixLength
                    + "' has host bits set; write the network address (e.g. '"
                    + IpText.format(maskToPrefix(network, prefixLength)) + "/" + prefixLength + "')");
        }
    }

    /** Parses "10.0.0.0/8" or "2001:db8::/32"; the prefix length is required so a single host reads "/32". */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range: the /prefix is missing");
        }
        InetAddress address = parseAddress(text.substring(0, slash), text);
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range: bad prefix length '" + prefix + "'");
        }
        return new Cidr(address, Integer.parseInt(prefix));
    }

    /** An IP address literal, never looked up in DNS; empty when the text is not one. */
    public static Optional<InetAddress> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        try {
            Matcher ipv4 = IPV4.matcher(literal);
            if (ipv4.matches()) {
                return Optional.of(ipv4Address(ipv4, literal));
            }
            if (literal.contains(":") && IPV6.matcher(literal).matches()) {
                return Optional.of(InetAddress.getByName(literal));
            }
        } catch (IllegalArgumentException | UnknownHostException notALiteral) {
            // falls through: not an address
        }
        return Optional.empty();
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] candidate = address.getAddress();
        byte[] net = network.getAddress();
        if (candidate.length != net.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            if (bitAt(candidate, bit) != bitAt(net, bit)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return IpText.format(network) + "/" + prefixLength;
    }

    private static InetAddress parseAddress(String address, String text) {
        Matcher ipv4 = IPV4.matcher(address);
        if (ipv4.matches()) {
            return ipv4Address(ipv4, text);
        }
        if (address.contains(":") && IPV6.matcher(address).matches()) {
            return ipv6Address(address, text);
        }
        throw new IllegalArgumentException("'" + text + "' is not a CIDR range: '" + address
                + "' is not an IPv4 or IPv6 address");
    }

    private static InetAddress ipv4Address(Matcher octets, String text) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets.group(i + 1);
            // Leading zeros mean octal to some tools and decimal to others; refuse the ambiguity.
            if ((octet.length() > 1 && octet.startsWith("0")) || Integer.parseInt(octet) > 255) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR range: bad IPv4 octet '" + octet + "'");
            }
            bytes[i] = (byte) Integer.parseInt(octet);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossibleForFourBytes) {
            throw new IllegalStateException(impossibleForFourBytes);
        }
    }

    private static InetAddress ipv6Address(String address, String text) {
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range: bad IPv6 address '" + address + "'");
        }
        // Java turns ::ffff:a.b.c.d into an IPv4 address, which would silently change what the prefix means.
        if (parsed instanceof Inet4Address) {
            throw new IllegalArgumentException("'" + text + "' is an IPv4-mapped IPv6 range; write the IPv4 range instead");
        }
        return parsed;
    }

    private static boolean hasOnlyNetworkBits(byte[] address, int prefixLength) {
        for (int bit = prefixLength; bit < address.length * 8; bit++) {
            if (bitAt(address, bit) == 1) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress maskToPrefix(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossibleForValidLength) {
            throw new IllegalStateException(impossibleForValidLength);
        }
    }

    private static int bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] >>> (7 - bit % 8)) & 1;
    }
}
