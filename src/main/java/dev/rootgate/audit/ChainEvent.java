package dev.rootgate.audit;

import java.time.Instant;

/**
 * A sealed event as the chain hashes and exports it: a plain value read straight from its row. Verification and
 * exports stream the whole chain through these; the entity {@link AuditEvent} tracks every write to its fields, which
 * costs more than hashing the event.
 */
public record ChainEvent(long seq, Instant occurredAt, String actor, String action, Long requestId, String accountId,
        String taskPolicy, String sourceIp, String details, String prevHash, String hash) {

    /** The event must have its place in the chain: its {@code seq} is part of what is hashed. */
    static ChainEvent of(AuditEvent event) {
        if (event.seq == null) {
            throw new IllegalArgumentException("an unsealed event has no place in the chain to hash");
        }
        return new ChainEvent(event.seq, event.occurredAt, event.actor, event.action, event.requestId, event.accountId,
                event.taskPolicy, event.sourceIp, event.details, event.prevHash, event.hash);
    }
}
