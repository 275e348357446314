package dev.rootgate.web.pages;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.audit.AuditEvent;

/**
 * The chain's state as the last verification found it (kept in the audit log itself, as its {@code audit.verified}
 * event, so every replica shows the same): intact or not, how many events, the last seq, checkpoints matched, when
 * and by whom.
 */
public record ChainState(boolean known, boolean valid, long events, long lastSeq, long checkpoints, String problem,
        Instant verifiedAt, String verifiedBy) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ChainState of(Optional<AuditEvent> lastVerification) {
        if (lastVerification.isEmpty()) {
            return new ChainState(false, false, 0, 0, 0, null, null, null);
        }
        AuditEvent event = lastVerification.get();
        JsonNode details;
        try {
            details = JSON.readTree(event.details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event " + event.seq + " holds details that are not JSON", e);
        }
        String problem = details.path("valid").asBoolean(false) ? null : details.path("reason").asText()
                + (details.has("firstBrokenSeq") ? " at seq " + details.path("firstBrokenSeq").asLong() : "")
                + (details.has("checkpointFailedSeq") ? " (checkpoint of seq " + details.path("checkpointFailedSeq").asLong()
                        + ": " + details.path("checkpointFailure").asText() + ")" : "");
        return new ChainState(true, problem == null, details.path("events").asLong(), details.path("lastSeq").asLong(),
                details.path("checkpointsChecked").asLong(), problem, event.occurredAt,
                details.path("actorUsername").asText(event.actor));
    }
}
