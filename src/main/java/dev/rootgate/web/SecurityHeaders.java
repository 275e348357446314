package dev.rootgate.web;

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

    @ServerResponseFilter
    public void addTo(ContainerResponseContext response) {
        response.getHeaders().putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
}
