package dev.rootgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rootgate.net.Cidr;

class ClientAddressTest {

    private static final List<Cidr> BALANCERS = List.of(Cidr.parse("10.0.0.0/24"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a direct client is its own address", "203.0.113.7", List.of(), "203.0.113.7"),
                Arguments.of("X-Forwarded-For from an untrusted peer is ignored", "203.0.113.7", List.of("10.9.9.9"), "203.0.113.7"),
                Arguments.of("a trusted balancer names the client", "10.0.0.5", List.of("198.51.100.4"), "198.51.100.4"),
                Arguments.of("a client-forged leftmost hop does not count", "10.0.0.5", List.of("10.9.9.9, 203.0.113.7"), "203.0.113.7"),
                Arguments.of("trusted hops are skipped from the right", "10.0.0.5", List.of("198.51.100.4, 10.0.0.6"), "198.51.100.4"),
                Arguments.of("several headers read as one list", "10.0.0.5", List.of("10.9.9.9", "203.0.113.7"), "203.0.113.7"),
                Arguments.of("a trusted balancer without the header is the address", "10.0.0.5", List.of(), "10.0.0.5"),
                Arguments.of("a host name is never looked up: unknown", "10.0.0.5", List.of("evil.example.com"), null),
                Arguments.of("garbage is unknown", "10.0.0.5", List.of("unknown"), null),
                Arguments.of("IPv6 clients work", "10.0.0.5", List.of("2001:db8::1"), "2001:db8:0:0:0:0:0:1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolves(String rule, String peer, List<String> forwardedFor, String expected) {
        assertEquals(Optional.ofNullable(expected),
                ClientAddress.resolve(peer, forwardedFor, BALANCERS).map(address -> address.getHostAddress()));
    }
}
