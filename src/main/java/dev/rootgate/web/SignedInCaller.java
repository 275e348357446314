package dev.rootgate.web;

import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.rootgate.identity.CurrentCaller;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Every signed-in call, page or API, reads its caller before anything else: a token that names nobody is refused
 * there (401) whatever the endpoint, and the caller's groups are recorded as the latest seen.
 */
public class SignedInCaller {

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;

    @ServerRequestFilter
    public void readCaller() {
        if (!identity.isAnonymous()) {
            caller.get();
        }
    }
}
