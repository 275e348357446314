package dev.rootgate.web.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.QueryParam;

import dev.rootgate.detect.FindingFilter;
import dev.rootgate.detect.FindingKind;
import dev.rootgate.detect.Severity;
import dev.rootgate.problem.InvalidInput;

/** The findings' filters, by the same names on the page and in the API; a bad value is a 400 naming its field. */
public class FindingParams {

    @QueryParam("severity")
    String severity;
    @QueryParam("kind")
    String kind;
    @QueryParam("acknowledged")
    String acknowledged;

    public String severity() {
        return blankToNull(severity);
    }

    public String kind() {
        return blankToNull(kind);
    }

    public String acknowledged() {
        return blankToNull(acknowledged);
    }

    public FindingFilter filter(String page, String size) {
        return new FindingFilter(severityParam(), kindParam(), acknowledgedParam(),
                RequestsResource.number("page", page, 0, 0, RequestsResource.MAX_PAGE),
                RequestsResource.number("size", size, 50, 1, RequestsResource.MAX_PAGE_SIZE));
    }

    private Optional<Severity> severityParam() {
        return Optional.ofNullable(severity()).map(text -> {
            try {
                return Severity.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("severity", "one of " + Arrays.toString(Severity.values()));
            }
        });
    }

    private Optional<String> kindParam() {
        return Optional.ofNullable(kind()).map(text -> {
            try {
                return FindingKind.valueOf(text.toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("kind", "one of " + Arrays.toString(FindingKind.values()));
            }
        });
    }

    private Optional<Boolean> acknowledgedParam() {
        return Optional.ofNullable(acknowledged()).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInput("acknowledged", "true or false");
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
