package dev.rootgate.identity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rootgate.net.Cidr;

/**
 * The address a request really comes from. X-Forwarded-For is believed only as far as trusted proxies vouch for
 * it: read from the right, the first hop that is not a trusted proxy is the client. Its leftmost entries are
 * whatever the client chose to send, so they never count. Anything unparseable makes the address unknown.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static Optional<InetAddress> resolve(String peer, List<String> forwardedFor, List<Cidr> trustedProxies) {
        Optional<InetAddress> current = Cidr.address(peer);
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0 && current.isPresent() && trusted(current.get(), trustedProxies); i--) {
            current = Cidr.address(hops.get(i));
        }
        return current;
    }

    private static boolean trusted(InetAddress address, List<Cidr> trustedProxies) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
