package dev.rootgate.web.errors;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rootgate.problem.Problem;
import dev.rootgate.web.pages.ErrorPages;
import io.quarkus.runtime.configuration.MemorySize;
import dev.rootgate.web.SecurityHeaders;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body announced larger than quarkus.http.limits.max-body-size is refused before it is read, as Quarkus does, but
 * with the usual answer: the API's problem, or the error page saying the form is too large. Quarkus's own check
 * (route order -2) answers a bare 413 that a browser shows as a blank page. A form field over the form limit is
 * answered by {@link ProblemResponses#unreadableBody}.
 */
@ApplicationScoped
public class BodyLimit {

    static final Problem TOO_LARGE = new Problem(413, "too_large", "body: too large for rootgate to read",
            Map.of("field", "body"));

    /** Just before Quarkus's own check of the announced length. */
    private static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;
    @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size")
    MemorySize maxFormField;
    @Inject
    ErrorPages errorPages;

    /** A page's form over a limit: the error page says which, in the sizes a user reads. */
    Problem formTooLarge(boolean wholeBody) {
        return new Problem(413, "too_large", wholeBody
                ? "the form is too large: at most " + maxBodySize.asLongValue() / 1024 + " KB in all"
                : "the form is too large: a field may hold at most " + maxFormField.asLongValue() / 1024 + " KB");
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::refuseOversized);
    }

    private void refuseOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || length.isEmpty() || length.length() > 18 || !length.chars().allMatch(Character::isDigit)
                || Long.parseLong(length) <= maxBodySize.asLongValue()) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close");
        // Vert.x would keep the connection for the rest of a body nobody reads; Quarkus's own check closes it too.
        response.endHandler(done -> context.request().connection().close());
        SecurityHeaders.HEADERS.forEach(response::putHeader);
        if (context.normalizedPath().startsWith("/api/")) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Json.encode(ProblemResponses.json(TOO_LARGE).getEntity()));
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .end((String) errorPages.renderBeforeRun(formTooLarge(true)).getEntity());
        }
    }
}
