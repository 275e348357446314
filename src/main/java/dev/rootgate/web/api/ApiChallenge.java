package dev.rootgate.web.api;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The OIDC mechanism, except that a missing or invalid bearer token on the API is answered with the API's usual
 * {@code {"error","message"}} body beside the mechanism's own challenge, where the security layer would send an empty
 * 401. Pages keep the code flow's redirect to the login.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ApiChallenge implements HttpAuthenticationMechanism {

    static final String BODY = new JsonObject().put("error", "unauthenticated")
            .put("message", "a valid bearer token is required").encode();

    @Inject
    OidcAuthenticationMechanism oidc;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return oidc.authenticate(context, identities);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.normalizedPath().startsWith("/api/")) {
            return oidc.sendChallenge(context);
        }
        return oidc.getChallenge(context).map(challenge -> {
            if (!context.response().ended()) {
                if (challenge != null) {
                    challenge.getHeaders().forEach((name, value) -> context.response().putHeader(name, value));
                }
                context.response().setStatusCode(401).putHeader("Content-Type", "application/json").end(BODY);
            }
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority();
    }
}
