package dev.rootgate.web.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * An invalid bearer token reaches Quarkus REST as an exception, whose built-in mapper answers the challenge with an
 * empty body; the API answers it like {@link ApiChallenge} does a missing token. Pages keep the plain challenge.
 */
public class AuthenticationFailures {

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(context);
        boolean api = context.normalizedPath().startsWith("/api/");
        return challenge.map(data -> {
            Response.ResponseBuilder answer = Response.status(data == null || api ? 401 : data.status);
            if (data != null) {
                data.getHeaders().forEach((name, value) -> answer.header(name.toString(), value));
            }
            return api ? answer.type("application/json").entity(ApiChallenge.BODY).build() : answer.build();
        });
    }
}
