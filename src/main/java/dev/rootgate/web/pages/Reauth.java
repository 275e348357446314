package dev.rootgate.web.pages;

import java.net.URI;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import dev.rootgate.identity.MfaGate;
import dev.rootgate.problem.Problem;
import io.quarkus.oidc.OidcSession;

/**
 * Stale or missing MFA in the browser: end the local session and send the user through the identity provider
 * again with {@code prompt=login} and {@code max_age} (added by {@link ReauthRedirectFilter}), then back to the
 * page they were on.
 */
@Path("/reauth")
public class Reauth {

    static final String COOKIE = "rootgate_reauth";

    @Inject
    OidcSession session;

    /** The redirect to /reauth when the problem is an MFA refusal. */
    static Optional<Response> ifMfa(Problem problem, String returnTo) {
        if (!MfaGate.MFA_REQUIRED.equals(problem.code()) && !MfaGate.MFA_STALE.equals(problem.code())) {
            return Optional.empty();
        }
        Object maxAge = problem.extra().getOrDefault("mfaMaxAgeSeconds", 300L);
        return Optional.of(RequestPages.seeOther("/reauth?to=" + returnTo + "&maxAge=" + maxAge));
    }

    @GET
    public Response reauthenticate(@RestQuery String to, @RestQuery String maxAge) {
        String target = localPath(to);
        long seconds = parseSeconds(maxAge);
        session.logout().await().indefinitely();
        // Written by hand: JAX-RS adds a Version attribute that some clients take for an RFC 2965 cookie.
        String marker = COOKIE + "=" + seconds + "; Path=/; Max-Age=300; HttpOnly; SameSite=Lax";
        return Response.seeOther(URI.create(target)).header("Set-Cookie", marker).build();
    }

    /** Only paths of this site: an open redirect would let a link send users anywhere after login. */
    static String localPath(String to) {
        if (to == null || !to.startsWith("/") || to.startsWith("//") || to.contains("\\") || to.contains("://")) {
            return "/";
        }
        return to;
    }

    private static long parseSeconds(String text) {
        try {
            long seconds = Long.parseLong(text);
            return Math.max(0, Math.min(seconds, 3600));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
