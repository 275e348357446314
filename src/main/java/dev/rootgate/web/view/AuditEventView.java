package dev.rootgate.web.view;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.HistoryFilter;
import dev.rootgate.policy.Policy;

/**
 * An audit event as the history shows it: who (name and stable username, from the event's details), what (in words,
 * and the outcome and reason), on what (account, task policy, request), from where, with which MFA evidence, and
 * when. {@code seq} is null until the event is sealed into the chain.
 */
public record AuditEventView(Long seq, Instant occurredAt, String actor, String actorName, String actorUsername,
        String action, String outcome, String reason, String summary, Long requestId, String accountId,
        String accountName, String taskPolicy, String sourceIp, String mfaMethods, String mfaAuthTime,
        JsonNode details) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static AuditEventView of(AuditEvent event, Policy policy) {
        JsonNode details = detailsOf(event);
        String accountName = event.accountId == null ? null
                : policy.account(event.accountId).map(account -> account.name()).orElse("(no longer in the catalog)");
        return new AuditEventView(event.seq, event.occurredAt, event.actor, details.path("actorName").textValue(),
                details.path("actorUsername").textValue(), event.action,
                HistoryFilter.Outcome.of(event.action).name().toLowerCase(), details.path("reason").textValue(),
                EventWords.of(event.action, details), event.requestId, event.accountId, accountName, event.taskPolicy,
                event.sourceIp, details.path("mfaMethods").textValue(), details.path("mfaAuthTime").textValue(), details);
    }

    /** Refusals and failures stand out on the page. */
    public boolean refused() {
        return "refused".equals(outcome);
    }

    private static JsonNode detailsOf(AuditEvent event) {
        try {
            return JSON.readTree(event.details);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("audit event " + event.seq + " holds details that are not JSON", unreadable);
        }
    }
}
