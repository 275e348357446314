package dev.rootgate.problem;

import java.util.Map;

/**
 * An answer other than success, with the HTTP status and the snake_case code the API returns. Services throw
 * it; the web layer turns it into {@code {"error": code, "message": message}} or an error page.
 */
public class Problem extends RuntimeException {

    /** The code of a temporary overload (no database connection in time): try again shortly. */
    public static final String BUSY = "busy";

    private final int status;
    private final String code;
    private final Map<String, Object> extra;

    public Problem(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public Problem(int status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = Map.copyOf(extra);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Fields added to the error body beside error and message (the invalid field, the AWS error code…). */
    public Map<String, Object> extra() {
        return extra;
    }

    public static Problem notFound(String what) {
        return new Problem(404, "not_found", what + " not found");
    }
}
