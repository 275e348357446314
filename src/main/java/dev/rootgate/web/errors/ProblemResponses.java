package dev.rootgate.web.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.rootgate.problem.Problem;
import dev.rootgate.web.api.StrictUtf8;
import dev.rootgate.web.pages.ErrorPages;

/** Every API error has the same shape: {@code {"error": "snake_case_code", "message": "…", …}}. */
public class ProblemResponses {

    /** Jackson's words for a key given twice (StrictJson turns duplicate detection on). */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.{1,100})'");
    /** The small JSON states the live pages' script polls (static/live.js). */
    private static final Pattern SCRIPT_STATE = Pattern.compile("/requests/[^/]+/state|/approvals/state");

    /** The API and what pages' scripts fetch answer problems in JSON; a page answers with the error page. */
    public static boolean answersJson(String path) {
        return path.startsWith("/api/") || SCRIPT_STATE.matcher(path).matches();
    }

    public static Response json(Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", problem.code());
        body.put("message", problem.getMessage());
        body.putAll(problem.extra());
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @Inject
    ErrorPages errorPages;
    @Inject
    BodyLimit bodyLimit;

    /** JSON for the API; for a page, the error shown in the page frame (or the re-login for stale MFA). */
    @ServerExceptionMapper
    public Response problem(Problem problem, UriInfo uri) {
        return answersJson(uri.getPath()) ? json(problem) : errorPages.render(problem, uri.getPath());
    }

    @ServerExceptionMapper
    public Response unsupportedContentType(NotSupportedException e) {
        return json(new Problem(400, "invalid_input", "Content-Type: send application/json",
                Map.of("field", "Content-Type")));
    }

    /**
     * Quarkus REST reports a body it cannot read as a bare status: a JSON parse failure wrapped in a 400, a form
     * field over quarkus.http.limits.max-form-attribute-size as a 413. Each is given the usual shape (a page, the
     * error page), so that nobody is left with a blank answer.
     */
    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e, UriInfo uri) {
        JsonProcessingException unread = null;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                // A record's creator wraps what the parser met (the end of a truncated body) in a mapping failure.
                return malformedJson(parse);
            }
            if (unread == null && cause instanceof JsonProcessingException json) {
                unread = json;
            }
        }
        if (unread != null) {
            return readFailure(unread);
        }
        boolean api = uri.getPath().startsWith("/api/");
        if (e.getResponse().getStatus() == 404 && !api && answersJson(uri.getPath())) {
            // A path parameter that is no number is no request either.
            return json(Problem.notFound("request"));
        }
        if (e.getResponse().getStatus() == 413) {
            return api ? json(BodyLimit.TOO_LARGE) : errorPages.renderBeforeRun(bodyLimit.formTooLarge(false));
        }
        if (api && e.getResponse().getStatus() == 400 && e.getCause() != null) {
            return json(new Problem(400, "invalid_input", "body: unreadable", Map.of("field", "body")));
        }
        return e.getResponse();
    }

    private Response readFailure(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (e instanceof InvalidFormatException format) {
            return wrongType(format);
        }
        if (e instanceof MismatchedInputException mismatched) {
            return mismatched(mismatched);
        }
        return otherJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        if (e instanceof StrictUtf8.NotUtf8) {
            return json(new Problem(400, "invalid_input", "body: " + e.getOriginalMessage(), Map.of("field", "body")));
        }
        Matcher duplicate = DUPLICATE_FIELD.matcher(e.getOriginalMessage());
        if (duplicate.matches()) {
            String field = duplicate.group(1);
            return json(new Problem(400, "invalid_input", field + ": given more than once", Map.of("field", field)));
        }
        return json(new Problem(400, "invalid_input", "body: malformed JSON (" + e.getOriginalMessage() + ")",
                Map.of("field", "body")));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return badField(e, "unknown field");
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        return badField(e, "wrong type");
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        if (e.getPath().isEmpty() && e.getOriginalMessage().startsWith("Trailing token")) {
            return json(new Problem(400, "invalid_input", "body: must be exactly one JSON value, nothing after it",
                    Map.of("field", "body")));
        }
        return badField(e, "wrong type or shape");
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return json(new Problem(400, "invalid_input", "body: unreadable JSON", Map.of("field", "body")));
    }

    private static Response badField(JsonMappingException e, String reason) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                : "[" + ref.getIndex() + "]").reduce((a, b) -> a + "." + b).orElse("body");
        return json(new Problem(400, "invalid_input", field + ": " + reason, Map.of("field", field)));
    }
}
