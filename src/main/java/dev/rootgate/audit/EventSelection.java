package dev.rootgate.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which sealed events to read: a span of sequence numbers, narrowed by any of account, actor, action and request
 * (null means any). Values are bound as parameters, never spliced into the SQL.
 */
public record EventSelection(long fromSeq, long toSeq, String accountId, String actor, String action, Long requestId) {

    /** The whole chain. */
    public static final EventSelection ALL = new EventSelection(1, Long.MAX_VALUE, null, null, null, null);

    /** Without account, actor, action or request filters a selection is an unbroken piece of the chain. */
    public boolean contiguous() {
        return filters().isEmpty();
    }

    String where() {
        StringBuilder where = new StringBuilder("seq IS NOT NULL AND seq BETWEEN ? AND ?");
        filters().keySet().forEach(column -> where.append(" AND ").append(column).append(" = ?"));
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
        putGiven(filters, "account_id", accountId);
        putGiven(filters, "actor", actor);
        putGiven(filters, "action", action);
        putGiven(filters, "request_id", requestId);
        return filters;
    }

    private static void putGiven(Map<String, Object> filters, String column, Object value) {
        if (value != null) {
            filters.put(column, value);
        }
    }
}
