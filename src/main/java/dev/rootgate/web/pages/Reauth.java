package dev.rootgate.web.pages;

import java.net.URI;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.problem.Problem;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Stale or missing MFA in the browser: the user confirms, the local session ends, and the identity provider is
 * asked for a fresh login with {@code prompt=login} and {@code max_age} (added by {@link ReauthRedirectFilter});
 * then back to the page they were on. Ending the session is a CSRF-checked POST, so no link can log anyone out.
 */
@Path("/reauth")
public class Reauth {

    static final String COOKIE = "rootgate_reauth";

    @Inject
    OidcSession session;
    @Inject
    CurrentCaller caller;
    @Inject
    Frames frames;
    @Location("pages/reauth.html")
    Template reauthPage;

    /** The way to /reauth when the problem is an MFA refusal. */
    static Optional<Response> ifMfa(Problem problem, String returnTo) {
        if (!MfaGate.MFA_REQUIRED.equals(problem.code()) && !MfaGate.MFA_STALE.equals(problem.code())) {
            return Optional.empty();
        }
        Object maxAge = problem.extra().getOrDefault("mfaMaxAgeSeconds", 300L);
        return Optional.of(RequestPages.seeOther("/reauth?to=" + returnTo + "&maxAge=" + maxAge));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance explain(@RestQuery String to, @RestQuery String maxAge) {
        return reauthPage.data("frame", frames.of(caller.get())).data("error", null).data("to", localPath(to))
                .data("maxAge", parseSeconds(maxAge)).data("minutes", Math.max(1, parseSeconds(maxAge) / 60));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reauthenticate(@RestForm String to, @RestForm String maxAge) {
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
