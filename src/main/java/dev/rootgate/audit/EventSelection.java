package dev.rootgate.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which sealed events to read: a span of sequence numbers, narrowed by any of account, actor, action, request, task
 * policy, outcome and reason (null means any) — the history's filters. Values are bound as parameters, never spliced
 * into the SQL.
 */
public record EventSelection(long fromSeq, long toSeq, String accountId, String actor, String action, Long requestId,
        String taskPolicy, HistoryFilter.Outcome outcome, String reason) {

    /** The whole chain. */
    public static final EventSelection ALL = span(1, Long.MAX_VALUE);

    /** Every sealed event from one sequence number to another. */
    public static EventSelection span(long fromSeq, long toSeq) {
        return new EventSelection(fromSeq, toSeq, null, null, null, null, null, null, null);
    }

    /** Without filters a selection is an unbroken piece of the chain. */
    public boolean contiguous() {
        return filters().isEmpty() && outcome == null;
    }

    String where() {
        StringBuilder where = new StringBuilder("seq IS NOT NULL AND seq BETWEEN ? AND ?");
        filters().keySet().forEach(condition -> where.append(" AND ").append(condition));
        if (outcome != null) {
            where.append(" AND ").append(HistoryFilter.outcomeCondition(outcome));
        }
        return where.toString();
    }

    void bind(PreparedStatement statement) throws SQLException {
        statement.setLong(1, fromSeq);
        statement.setLong(2, toSeq);
        int index = 3;
        for (Object value : filters().values()) {
            statement.setObject(index++, value);
        }
    }

    private Map<String, Object> filters() {
        Map<String, Object> filters = new LinkedHashMap<>();
        putGiven(filters, "account_id = ?", accountId);
        putGiven(filters, "actor = ?", actor);
        putGiven(filters, "action = ?", action);
        putGiven(filters, "request_id = ?", requestId);
        putGiven(filters, "task_policy = ?", taskPolicy);
        putGiven(filters, HistoryFilter.REASON, reason);
        return filters;
    }

    private static void putGiven(Map<String, Object> filters, String condition, Object value) {
        if (value != null) {
            filters.put(condition, value);
        }
    }
}
