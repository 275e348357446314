package dev.rootgate.identity;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.rootgate.problem.Problem;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * Builds the {@link Caller} from the verified OIDC token: the ID token in the browser, the access token on the API.
 * The source address is resolved by {@link ClientAddress}.
 */
@RequestScoped
public class CurrentCaller {

    /** How far ahead of rootgate's clock the identity provider's may be. */
    static final Duration ISSUED_AHEAD_LEEWAY = Duration.ofMinutes(2);

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;
    @Inject
    TrustedProxies proxies;
    @Inject
    GroupsSeen groupsSeen;
    @Inject
    Clock clock;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = fromToken();
        }
        return caller;
    }

    private Caller fromToken() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new IllegalStateException("no signed-in caller on this request");
        }
        TokenClaims claims = TokenClaims.ofCompact(token.getRawToken());
        // Without a subject two different people would be the same requester.
        String subject = claims.subject().orElseThrow(() -> new Problem(401, "unauthenticated",
                "the identity provider's token names no subject (sub); rootgate cannot tell who you are"));
        // The audit log names rootgate's own scheduled work by this subject; a person must not share it.
        if (subject.equals(Actor.SYSTEM.subject())) {
            throw new Problem(401, "unauthenticated", "the identity provider's token names the subject (sub) \""
                    + subject + "\" that rootgate keeps for its own scheduled work");
        }
        // The groups seen are ordered by iat: a token from the future would outrank every genuine later one and pin
        // its groups until then (a removed approver's vote would keep counting).
        if (claims.issuedAt().isAfter(clock.instant().plus(ISSUED_AHEAD_LEEWAY))) {
            throw new Problem(401, "unauthenticated", "the identity provider's token was issued in the future (iat);"
                    + " its clock and rootgate's must agree within " + ISSUED_AHEAD_LEEWAY.toSeconds() + " seconds");
        }
        Set<String> groups = groupsSeen.record(subject,
                token.getGroups() == null ? Set.of() : new HashSet<>(token.getGroups()), claims.issuedAt());
        return new Caller(subject, claims.name(subject), claims.username(subject), groups, claims.mfa(), sourceIp(),
                claims.email().orElse(null));
    }

    /** Null when the address cannot be established; every rule then refuses (fail closed). */
    private String sourceIp() {
        HttpServerRequest http = request.getCurrent().request();
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return ClientAddress.resolve(peer, http.headers().getAll("X-Forwarded-For"), proxies.ranges())
                .map(InetAddress::getHostAddress).orElse(null);
    }
}
