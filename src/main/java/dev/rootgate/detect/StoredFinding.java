package dev.rootgate.detect;

import java.time.Instant;
import java.util.Map;

/**
 * A finding as stored, with what an auditor reads next to it: the CloudTrail record it came from (kept without its
 * session token; null for findings made of an absence) and who acknowledged it, when and why (all null until then).
 * Kind and severity are the stored names, so findings of kinds a newer replica raises still list.
 */
public record StoredFinding(long id, String kind, String severity, String summary, Instant foundAt, String eventId,
        Long requestId, Map<String, String> evidence, String rawEvent, String source, String acknowledgedBy,
        Instant acknowledgedAt, String acknowledgedWhy) {

    public StoredFinding {
        evidence = Map.copyOf(evidence);
    }

    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    /** INFO findings are evidence on a timeline, never alerts: there is nothing to acknowledge. */
    public boolean alert() {
        return !Severity.INFO.name().equals(severity);
    }
}
