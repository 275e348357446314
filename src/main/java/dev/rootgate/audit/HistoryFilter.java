package dev.rootgate.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which events a person looks at: occurred in [from, to) (either may be null), and any of account, actor, action,
 * task policy, request, outcome and reason (null: any); one page of them, newest first.
 */
public record HistoryFilter(Instant from, Instant to, String accountId, String actor, String action, String taskPolicy,
        Long requestId, Outcome outcome, String reason, int page, int size) {

    /** What became of an attempt: refused by a rule, failed on the way (AWS STS), or done. */
    public enum Outcome {
        REFUSED, FAILED, SUCCEEDED;

        static final Set<String> REFUSALS = Set.of("refused", "refusals.summarised");
        static final Set<String> FAILURES = Set.of("session.sts_refused", "session.sts_unreachable",
                "request.interrupted");

        public static Outcome of(String action) {
            return REFUSALS.contains(action) ? REFUSED : FAILURES.contains(action) ? FAILED : SUCCEEDED;
        }
    }

    /** A refusal's or a move's reason code, in the details. */
    // jsonb refuses the escape of U+0000 that text may hold, and one such row would fail every query that casts it:
    // the escape is read as U+FFFD instead, which keeps any details valid JSON.
    static final String REASON = "replace(details, '\\u0000', '\\ufffd')::jsonb ->> 'reason' = ?";

    /** The SQL condition and its values, in order; values are bound, never spliced. */
    record Where(String sql, List<Object> values) {
    }

    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        given(conditions, values, "occurred_at >= ?", from == null ? null : OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        given(conditions, values, "occurred_at < ?", to == null ? null : OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        given(conditions, values, "account_id = ?", accountId);
        given(conditions, values, "actor = ?", actor);
        given(conditions, values, "action = ?", action);
        given(conditions, values, "task_policy = ?", taskPolicy);
        given(conditions, values, "request_id = ?", requestId);
        given(conditions, values, REASON, reason);
        if (outcome != null) {
            conditions.add(outcomeCondition(outcome));
        }
        return new Where(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), values);
    }

    static String outcomeCondition(Outcome outcome) {
        String refusals = actionIn(Outcome.REFUSALS);
        String failures = actionIn(Outcome.FAILURES);
        return switch (outcome) {
            case REFUSED -> refusals;
            case FAILED -> failures;
            case SUCCEEDED -> "NOT " + refusals + " AND NOT " + failures;
        };
    }

    /** The actions are this class's own constants, so they may stand in the SQL as literals. */
    private static String actionIn(Set<String> actions) {
        return "action IN (" + String.join(", ", actions.stream().sorted().map(a -> "'" + a + "'").toList()) + ")";
    }

    private static void given(List<String> conditions, List<Object> values, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            values.add(value);
        }
    }
}
