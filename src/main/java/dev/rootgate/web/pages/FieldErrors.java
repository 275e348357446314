package dev.rootgate.web.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.Problem;

/**
 * The new-request form's refusal as its user reads it: every field at fault marked beside it, each named by the
 * label the form shows (the API's field names stay in the API), and the banner listing them all.
 */
record FieldErrors(Problem banner, Map<String, String> byField) {

    private static final Map<String, String> LABELS = Map.of("accountId", "Account", "taskPolicy", "Task policy",
            "justification", "Justification", "ticket", "Ticket");

    static FieldErrors none() {
        return new FieldErrors(null, Map.of());
    }

    static FieldErrors of(Problem problem) {
        List<InvalidInput.FieldError> errors = problem instanceof InvalidInput invalid ? invalid.errors()
                : fieldOf(problem);
        if (errors.isEmpty()) {
            return new FieldErrors(problem, Map.of());
        }
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.field(), LABELS.getOrDefault(e.field(), e.field()) + ": " + e.reason(),
                (first, next) -> first + "; " + next.substring(next.indexOf(": ") + 2)));
        Problem banner = new Problem(problem.status(), problem.code(),
                byField.values().stream().collect(Collectors.joining(" · ")), problem.extra());
        return new FieldErrors(banner, byField);
    }

    /** A refusal about one field that is no InvalidInput (a ticket a rule requires): its message names the field. */
    private static List<InvalidInput.FieldError> fieldOf(Problem problem) {
        if (problem.extra().get("field") instanceof String field && problem.getMessage().startsWith(field + ": ")) {
            return List.of(new InvalidInput.FieldError(field, problem.getMessage().substring(field.length() + 2)));
        }
        return List.of();
    }
}
