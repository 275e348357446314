package dev.rootgate.web;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rootgate.support.PublicUrl;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every answer of the main port, whoever writes it (pages, the API, the OIDC redirects, error pages):
 * nothing but the static files may be stored by a browser or a proxy — so Back after logout, or after a session
 * was started, shows no request data and no stale button — and an https site says so with HSTS.
 */
@ApplicationScoped
public class Transport {

    static final String HSTS = "max-age=31536000; includeSubDomains";
    // Before every route, authentication included: its redirects and refusals get the headers too.
    private static final int FIRST = Integer.MAX_VALUE;

    @ConfigProperty(name = "rootgate.base-url")
    String baseUrl;

    /** Browsers reach rootgate over TLS: cookies are Secure and answers carry Strict-Transport-Security. */
    public boolean https() {
        return PublicUrl.isHttps(baseUrl);
    }

    /**
     * Where browsers reach {@code path}: on an https site the public URL says so (behind a proxy that ends TLS the
     * request itself arrived over http, maybe on another port); otherwise (dev mode, tests) the request's own base.
     */
    public URI publicAddress(UriInfo request, String path) {
        if (https()) {
            return URI.create(baseUrl.strip().replaceAll("/+$", "") + path);
        }
        return request.getBaseUriBuilder().replacePath(path).replaceQuery(null).build();
    }

    void register(@Observes Filters filters) {
        boolean https = https();
        filters.register(routing -> {
            routing.addHeadersEndHandler(ignored -> addTo(routing, https));
            routing.next();
        }, FIRST);
    }

    private static void addTo(RoutingContext routing, boolean https) {
        MultiMap headers = routing.response().headers();
        if (https) {
            headers.set("Strict-Transport-Security", HSTS);
        }
        if (!routing.normalizedPath().startsWith("/static/")) {
            headers.set("Cache-Control", "no-store");
        }
    }
}
