package dev.rootgate.identity;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * Builds the {@link Caller} from the verified OIDC token: the ID token in the browser, the access token on the API.
 * The source address is resolved by {@link ClientAddress}.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;
    @Inject
    TrustedProxies proxies;

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
        String name = Optional.ofNullable(token.<String>getClaim("name"))
                .or(() -> Optional.ofNullable(token.<String>getClaim("preferred_username")))
                .orElse(token.getSubject());
        return new Caller(token.getSubject(), name, groups(token), mfaEvidence(token), sourceIp());
    }

    private static Set<String> groups(JsonWebToken token) {
        Set<String> groups = token.getGroups();
        return groups == null ? Set.of() : new HashSet<>(groups);
    }

    static MfaEvidence mfaEvidence(JsonWebToken token) {
        List<String> methods = new ArrayList<>();
        Object amr = token.getClaim("amr");
        // The claim arrives as a JSON array, or from some IdPs as a single string.
        if (amr instanceof Iterable<?> values) {
            values.forEach(value -> methods.add(text(value)));
        } else if (amr != null) {
            methods.add(text(amr));
        }
        Object authTime = token.getClaim("auth_time");
        Optional<Instant> at = Optional.empty();
        if (authTime instanceof JsonNumber number) {
            at = Optional.of(Instant.ofEpochSecond(number.longValue()));
        } else if (authTime instanceof Number number) {
            at = Optional.of(Instant.ofEpochSecond(number.longValue()));
        }
        return new MfaEvidence(methods, at);
    }

    private static String text(Object value) {
        return value instanceof JsonString json ? json.getString() : String.valueOf(value);
    }

    /** Null when the address cannot be established; every rule then refuses (fail closed). */
    private String sourceIp() {
        HttpServerRequest http = request.getCurrent().request();
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return ClientAddress.resolve(peer, http.headers().getAll("X-Forwarded-For"), proxies.ranges())
                .map(InetAddress::getHostAddress).orElse(null);
    }
}
