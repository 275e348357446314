package dev.rootgate.web.pages;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * One form token per person and login instead of one per page. quarkus-rest-csrf with a signature key keeps only the
 * token's HMAC in the cookie, so it cannot hand the same token out again and mints a new one on every page: opening a
 * second tab made every form of the first one fail. Here the token is derived from the signing key, the signed-in
 * person's subject and their login (the token's {@code auth_time}, and the identity provider's session id
 * {@code sid} when it names one), so every tab of every page of a login carries the same one (the cookie, its HMAC,
 * stays the same too), and the next login gets another: a token seen before a logout opens nothing after it.
 * A forged form still needs it, and it cannot be computed without the key; a token and cookie taken from another
 * person's browser and planted here are refused, because the token must be this person's.
 */
public class FormTokens {

    /* Where quarkus-rest-csrf keeps a request's token: printed by {inject:csrf.token}, signed into the cookie. */
    private static final String TOKEN = "csrf_token";
    private static final String TOKEN_BYTES = "csrf_token_bytes";
    private static final String VERIFIED = "csrf_token_verified";
    private static final byte[] PURPOSE = "rootgate form token\n".getBytes(StandardCharsets.UTF_8);

    @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key")
    Optional<String> signingKey;
    @Inject
    SecurityIdentity identity;

    /**
     * Runs after quarkus-rest-csrf's own filter, once it has checked the cookie and chosen a token. RESTEasy Reactive
     * runs the filters that read the form after all others and in reverse order of priority (RuntimeResourceDeployment
     * moves them behind the form reader last first): hence the form read and a priority below its USER.
     */
    @ServerRequestFilter(priority = Priorities.USER - 100)
    @WithFormRead
    public Response samePersonSameToken(ContainerRequestContext request, RoutingContext routing) {
        Optional<String> login = login();
        if (signingKey.isEmpty() || login.isEmpty() || FormsOnly.isApi(routing.normalizedPath())) {
            return null;
        }
        String token = tokenOf(login.get());
        if (FormsOnly.isSafe(request.getMethod())) {
            if (routing.get(TOKEN) != null) {
                routing.put(TOKEN, token);
                routing.put(TOKEN_BYTES, Base64.getUrlDecoder().decode(token));
            }
            return null;
        }
        String checked = routing.get(VERIFIED) == null ? null : routing.get(TOKEN);
        if (checked == null || !MessageDigest.isEqual(checked.getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII))) {
            return Response.status(400).build(); // FormsOnly explains it
        }
        return null;
    }

    /** Who is signed in and since which login; a refreshed token keeps both, a new login changes them. */
    private Optional<String> login() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return Optional.ofNullable(token.getSubject()).filter(s -> !s.isEmpty())
                .map(subject -> subject + "\n" + claim(token, "auth_time") + "\n" + claim(token, "sid"));
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value == null ? "" : value.toString();
    }

    private String tokenOf(String login) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.orElseThrow().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(PURPOSE);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(login.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
