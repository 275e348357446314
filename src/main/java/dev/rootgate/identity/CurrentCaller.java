package dev.rootgate.identity;

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

/**
 * Builds the {@link Caller} from the verified OIDC token: the ID token in the browser, the access token on the API.
 * The source address is the one Quarkus resolved, which honours X-Forwarded-For only from trusted proxies.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;

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

    private String sourceIp() {
        return request.getCurrent().request().remoteAddress().hostAddress();
    }
}
