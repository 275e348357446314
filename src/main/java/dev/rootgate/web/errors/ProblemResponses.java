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
import dev.rootgate.web.pages.ErrorPages;

/** Every API error has the same shape: {@code {"error": "snake_case_code", "message": "…", …}}. */
public class ProblemResponses {

    /** Jackson's words for a key given twice (StrictJson turns duplicate detection on). */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.{1,100})'");

    public static Response json(Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", problem.code());
        body.put("message", problem.getMessage());
        body.putAll(problem.extra());
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @Inject
    ErrorPages errorPages;

    /** JSON for the API; for a page, the error shown in the page frame (or the re-login for stale MFA). */
    @ServerExceptionMapper
    public Response problem(Problem problem, UriInfo uri) {
        return uri.getPath().startsWith("/api/") ? json(problem) : errorPages.render(problem, uri.getPath());
    }

    @ServerExceptionMapper
    public Response unsupportedContentType(NotSupportedException e) {
        return json(new Problem(400, "invalid_input", "Content-Type: send application/json",
                Map.of("field", "Content-Type")));
    }

    /** Quarkus REST reports a body that does not parse as a bare 400; give it the usual shape. */
    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e) {
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
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
