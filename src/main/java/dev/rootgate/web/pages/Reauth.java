package dev.rootgate.web.pages;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import dev.rootgate.identity.MfaCheck;
import dev.rootgate.problem.Problem;
import dev.rootgate.web.Transport;
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
    @Inject
    Transport transport;
    @Location("pages/reauth.html")
    Template reauthPage;

    /** The way to /reauth when the problem is an MFA refusal. */
    static Optional<Response> ifMfa(Problem problem, String returnTo) {
        if (!MfaCheck.MFA_REQUIRED.equals(problem.code()) && !MfaCheck.MFA_STALE.equals(problem.code())) {
            return Optional.empty();
        }
        Object maxAge = problem.extra().getOrDefault("mfaMaxAgeSeconds", 300L);
        return Optional.of(RequestPages.seeOther("/reauth?to=" + queryValue(localPath(returnTo)) + "&maxAge=" + maxAge));
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
        String marker = COOKIE + "=" + seconds + "; Path=/; Max-Age=300; HttpOnly; SameSite=Lax"
                + (transport.https() ? "; Secure" : "");
        return Response.fromResponse(RequestPages.seeOther(target)).header("Set-Cookie", marker).build();
    }

    /**
     * Only paths of this site: an open redirect would let a link send users anywhere after login. Browsers drop
     * tabs and line breaks from URLs and read a backslash as a slash, so {@code /<tab>/evil.example} would leave
     * the site: anything but printable ASCII without spaces or backslashes, as sent or once percent-decoded, and
     * anything that is not a plain path, falls back to {@code /}.
     */
    static String localPath(String to) {
        if (to == null || !plainPath(to) || !plainPath(percentDecoded(to))) {
            return "/";
        }
        try {
            URI uri = new URI(to);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? to : "/";
        } catch (URISyntaxException e) {
            return "/";
        }
    }

    /** A local path (printable ASCII, no spaces) as a query value: only what would end or alter the value is escaped. */
    private static String queryValue(String path) {
        return path.replace("%", "%25").replace("&", "%26").replace("#", "%23").replace("+", "%2B");
    }

    private static boolean plainPath(String path) {
        return path.startsWith("/") && !path.startsWith("//")
                && path.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '\\');
    }

    /** Percent escapes decoded; a malformed escape gives something that is not a plain path. */
    private static String percentDecoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\\";
        }
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
