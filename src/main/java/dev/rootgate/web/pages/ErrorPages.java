package dev.rootgate.web.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.problem.Problem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** A problem met on a page, shown inside the usual frame with its status. */
@ApplicationScoped
public class ErrorPages {

    @Inject
    CurrentCaller caller;
    @Inject
    Frames frames;
    @Location("error.html")
    Template errorPage;

    public Response render(Problem problem, String path) {
        if (problem.status() == 401) {
            // Nobody to frame the page for: the token does not say who is signed in.
            return Response.status(401).type(MediaType.TEXT_PLAIN).entity(problem.getMessage()).build();
        }
        return Reauth.ifMfa(problem, Reauth.localPath(path)).orElseGet(() -> page(problem, frames.of(caller.get())));
    }

    /**
     * A problem met before the request ran (a busy database, a rate limit): the caller's groups may not be readable
     * and no form token was issued, so the page is framed for nobody, without forms.
     */
    public Response renderBeforeRun(Problem problem) {
        return page(problem, frames.nobody());
    }

    private Response page(Problem problem, PageFrame frame) {
        return Response.status(problem.status()).type(MediaType.TEXT_HTML)
                .entity(errorPage.data("frame", frame).data("error", problem).render()).build();
    }
}
