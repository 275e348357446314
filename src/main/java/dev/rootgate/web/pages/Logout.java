package dev.rootgate.web.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rootgate.web.Transport;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Logging out is a CSRF-checked POST (the button in every page's header), so no link or image on another page can
 * log anyone out; quarkus-oidc's own logout path would act on any GET. The local session ends, then the identity
 * provider's session too (RP-initiated logout) when it offers an end-session endpoint, so that the next visitor
 * of a shared browser must log in again; both end on a page that says so.
 */
@Path("/")
public class Logout {

    static final String LOGGED_OUT = "/logged-out";

    @Inject
    OidcSession session;
    @Inject
    OidcConfigurationMetadata identityProvider;
    @Inject
    Transport transport;
    @ConfigProperty(name = "quarkus.oidc.client-id")
    String clientId;
    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String formCookie;
    @ConfigProperty(name = "quarkus.rest-csrf.cookie-path", defaultValue = "/")
    String formCookiePath;
    @Inject
    Frames frames;
    @Location("pages/logged-out.html")
    Template loggedOutPage;

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(UriInfo uri) {
        String idToken = session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        session.logout().await().indefinitely();
        URI loggedOut = transport.publicAddress(uri, LOGGED_OUT);
        String endSession = identityProvider.getEndSessionUri();
        if (endSession == null) {
            return Response.seeOther(loggedOut).cookie(formCookieCleared()).build();
        }
        StringBuilder target = new StringBuilder(endSession).append(endSession.contains("?") ? '&' : '?')
                .append("client_id=").append(encoded(clientId))
                .append("&post_logout_redirect_uri=").append(encoded(loggedOut.toString()));
        if (idToken != null) {
            target.append("&id_token_hint=").append(encoded(idToken));
        }
        return Response.seeOther(URI.create(target.toString())).cookie(formCookieCleared()).build();
    }

    /** The form cookie goes with the session: nothing of a login is left in the browser for the next person. */
    private NewCookie formCookieCleared() {
        return new NewCookie.Builder(formCookie).value("").path(formCookiePath).maxAge(0).httpOnly(true).build();
    }

    @GET
    @Path("logged-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance loggedOut() {
        return loggedOutPage.data("frame", frames.nobody()).data("error", null);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
