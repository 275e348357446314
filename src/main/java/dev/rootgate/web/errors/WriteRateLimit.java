package dev.rootgate.web.errors;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.problem.Problem;
import dev.rootgate.throttle.RateLimits;
import dev.rootgate.web.pages.ErrorPages;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Every write attempt (any method but reads, on the API and the pages) counts against its subject's limits before it
 * runs; over a limit, or after too many refusals in the window, it is answered 429 with {@code Retry-After} and does
 * nothing, not even an audit event (the window's summary covers it).
 */
public class WriteRateLimit {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;
    @Inject
    RateLimits limits;
    @Inject
    ErrorPages errorPages;

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        if (READS.contains(request.getMethod()) || identity.isAnonymous()) {
            return Optional.empty();
        }
        return limits.writeAttempt(caller.get().subject()).map(wait -> refuse(request, wait));
    }

    private Response refuse(ContainerRequestContext request, Duration wait) {
        Problem problem = new Problem(429, "rate_limited", "too many attempts; try again in " + wait.toSeconds() + " s");
        String path = request.getUriInfo().getPath();
        Response answer = path.startsWith("/api/") ? ProblemResponses.json(problem) : errorPages.renderBeforeRun(problem);
        return Response.fromResponse(answer).header("Retry-After", Long.toString(wait.toSeconds())).build();
    }
}
