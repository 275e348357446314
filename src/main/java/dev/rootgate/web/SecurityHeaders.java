package dev.rootgate.web;

import java.util.Map;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * On every page and API answer: no framing (an approve button must not be clickjacked), scripts and styles from
 * rootgate only, no referrer leaving the site, no content sniffing. Set here rather than for every HTTP route so
 * that Quarkus's own dev tools keep working.
 */
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static final Map<String, String> HEADERS = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer", "X-Content-Type-Options", "nosniff");

    @ServerResponseFilter
    public void addTo(ContainerResponseContext response) {
        HEADERS.forEach(response.getHeaders()::putSingle);
    }
}
