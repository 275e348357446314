package dev.rootgate.web.errors;

import java.sql.SQLException;

import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.rootgate.problem.Problem;
import dev.rootgate.web.pages.ErrorPages;

/**
 * A database that cannot hand out a connection in time (every pooled connection busy, or the database out of reach)
 * is a temporary condition, not a bug: 503 with {@code Retry-After}, never 500. Nothing was changed, since no
 * statement ran.
 */
public class DatabaseBusy {

    static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = Logger.getLogger(DatabaseBusy.class);
    private static final Problem BUSY = new Problem(503, Problem.BUSY, "the service is busy; try again in a moment");
    private static final Problem INTERNAL = new Problem(500, "internal_error", "an internal error occurred");

    @Inject
    ErrorPages errorPages;

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        Problem problem = noConnection(e) ? BUSY : INTERNAL;
        if (problem == INTERNAL) {
            // The answer says nothing of the cause; the log, with the request id on the line, must.
            LOG.errorf(e, "%s %s failed in the database", uri.getPath(), e.getClass().getSimpleName());
        }
        Response answer = ProblemResponses.answersJson(uri.getPath()) ? ProblemResponses.json(problem) : errorPages.renderBeforeRun(problem);
        return problem == BUSY ? Response.fromResponse(answer).header("Retry-After", RETRY_AFTER_SECONDS).build() : answer;
    }

    /**
     * Agroal reports its acquisition timeout as a bare SQLException; Hibernate wraps it, or a lost connection; a
     * statement on a plain connection reports the loss in SQLState class 08, as Hibernate itself reads it.
     */
    static boolean noConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (String.valueOf(sql.getMessage()).contains("acquisition timeout")
                    || String.valueOf(sql.getSQLState()).startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
