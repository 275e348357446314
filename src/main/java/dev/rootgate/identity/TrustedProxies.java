package dev.rootgate.identity;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rootgate.net.Cidr;

/** The load balancers whose X-Forwarded-For is believed ({@code rootgate.http.trusted-proxies}); none by default. */
@ApplicationScoped
public class TrustedProxies {

    private final List<Cidr> ranges;

    TrustedProxies(@ConfigProperty(name = "rootgate.http.trusted-proxies") Optional<List<String>> configured) {
        this.ranges = configured.orElse(List.of()).stream().map(Cidr::parse).toList();
    }

    public List<Cidr> ranges() {
        return ranges;
    }
}
