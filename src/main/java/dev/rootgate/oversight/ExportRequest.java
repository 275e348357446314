package dev.rootgate.oversight;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rootgate.audit.ExportFormat;
import dev.rootgate.audit.HistoryFilter;

/**
 * What an auditor asked to export: events that occurred in [from, to) (from null: since the first event), narrowed by
 * any of account, actor, action, request, task policy, outcome and reason (null: any).
 */
public record ExportRequest(ExportFormat format, Instant from, Instant to, String accountId, String actor,
        String action, Long requestId, String taskPolicy, HistoryFilter.Outcome outcome, String reason) {

    /** The request as the audit event of the export records it: only what was given. */
    Map<String, Object> asDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format.extension());
        if (from != null) {
            details.put("from", from.toString());
        }
        details.put("to", to.toString());
        putGiven(details, "account", accountId);
        putGiven(details, "actor", actor);
        putGiven(details, "action", action);
        putGiven(details, "request", requestId);
        putGiven(details, "taskPolicy", taskPolicy);
        putGiven(details, "outcome", outcome == null ? null : outcome.name().toLowerCase());
        putGiven(details, "reason", reason);
        return details;
    }

    private static void putGiven(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
