package dev.rootgate.web.pages;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.ext.web.RoutingContext;

/**
 * Pages change state only through a real HTML form carrying the page's signed CSRF token. quarkus-rest-csrf checks
 * the token only in form bodies (and, told to refuse everything else, would refuse the JSON API too), so a POST
 * with no body, {@code text/plain}, multipart or JSON — all of which another site can send with the user's
 * cookies — is refused here before anything runs. The JSON API ({@code /api/*}) takes no cookie at all.
 */
public class FormsOnly {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
    private static final String FORM_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.FormEncodedDataDefinition";
    private static final Logger LOG = Logger.getLogger(FormsOnly.class);

    @Inject
    Frames frames;
    @Location("pages/form-refused.html")
    Template refusedPage;

    @ServerRequestFilter(preMatching = true)
    public Response refuseAnythingButForms(ContainerRequestContext request, RoutingContext routing) {
        if (!isPagePost(request.getMethod(), routing.normalizedPath())
                || isForm(request.getHeaderString("Content-Type"))) {
            return null;
        }
        return Response.status(400).type(HTML).entity(refused()).build();
    }

    /** The CSRF check answers a bare 400; the user is told what happened and that nothing changed. */
    @ServerResponseFilter
    public void explainRefusedToken(ContainerRequestContext request, ContainerResponseContext response,
            RoutingContext routing) {
        if (response.getStatus() == 400 && !response.hasEntity()
                && isPagePost(request.getMethod(), routing.normalizedPath())) {
            response.setEntity(refused(), null, HTML);
        }
    }

    /**
     * A form body with a broken percent escape cannot be read, so it is no form: refused like one without its token
     * (nothing ran). Any other illegal argument is a fault of rootgate's, logged with the request id.
     */
    @ServerExceptionMapper
    public Response undecodable(IllegalArgumentException e, ContainerRequestContext request, RoutingContext routing) {
        if (decodingAForm(e) && isPagePost(request.getMethod(), routing.normalizedPath())) {
            return Response.status(400).type(HTML).entity(refused()).build();
        }
        LOG.errorf(e, "%s %s failed", request.getMethod(), routing.normalizedPath());
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "internal_error", "message", "an internal error occurred")).build();
    }

    private static boolean decodingAForm(Throwable e) {
        return Arrays.stream(e.getStackTrace()).anyMatch(frame -> frame.getClassName().startsWith(FORM_PARSER));
    }

    private static boolean isPagePost(String method, String path) {
        return !isSafe(method) && !isApi(path);
    }

    static boolean isSafe(String method) {
        return SAFE.contains(method);
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /**
     * Exactly what a browser's form sends. quarkus-rest-csrf reads the token only when the type is spelled this way,
     * in lower case: {@code APPLICATION/X-WWW-FORM-URLENCODED} would reach the resource with no token checked.
     */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return FORM.equals(type);
    }

    private String refused() {
        return refusedPage.data("frame", frames.nobody()).data("error", null).render();
    }
}
