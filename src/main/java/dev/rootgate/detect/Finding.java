package dev.rootgate.detect;

import java.util.Map;
import java.util.Optional;

/**
 * One finding: its kind, the request it concerns if any, what was seen (the evidence an auditor needs, without
 * secrets) and the event it came from ({@code eventId} empty for findings made of an absence).
 */
public record Finding(FindingKind kind, Optional<Long> requestId, String eventId, String summary,
        Map<String, String> evidence) {

    public Finding {
        evidence = Map.copyOf(evidence);
    }

    public Severity severity() {
        return kind.severity();
    }
}
