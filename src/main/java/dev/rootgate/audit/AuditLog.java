package dev.rootgate.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import dev.rootgate.identity.Actor;

/**
 * The only writer of audit events. Appending requires the caller's transaction, so an event commits with the
 * change it describes or not at all (no audit write, no change).
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    /** What an event is about; any part may be null. */
    public record Subject(Long requestId, String accountId, String taskPolicy) {
        public static final Subject NONE = new Subject(null, null, null);
    }

    /**
     * Appends an event to the chain. The chain head stays locked until the caller's transaction commits, so callers
     * append last, after their own changes are flushed: while the head is held, only the lock, one statement and the
     * commit remain.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent append(Actor actor, String action, Subject subject, Map<String, ?> details) {
        AuditEvent event = new AuditEvent();
        event.actor = actor.subject();
        event.action = action;
        event.requestId = subject.requestId();
        event.accountId = subject.accountId();
        event.taskPolicy = subject.taskPolicy();
        event.sourceIp = actor.sourceIp();
        event.details = HashChain.canonicalDetails(withActorName(actor, details));
        // Pending changes of the caller go out before the head is locked, not while it is held.
        em.flush();
        // Locking the chain head serializes appends across replicas: gapless sequence, one previous hash each.
        Object[] head = (Object[]) em.createNativeQuery(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE").getSingleResult();
        event.seq = ((Number) head[0]).longValue() + 1;
        event.prevHash = (String) head[1];
        // PostgreSQL keeps microseconds; the hashed time must be the stored time.
        event.occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        event.hash = HashChain.hash(event.prevHash, event);
        // The event and the new head in one round trip.
        em.createNativeQuery("WITH appended AS (INSERT INTO audit_event (seq, occurred_at, actor, action, request_id,"
                        + " account_id, task_policy, source_ip, details, prev_hash, hash)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))"
                        + " UPDATE audit_chain_head SET last_seq = ?1, last_hash = ?11 WHERE id = 1")
                .unwrap(NativeQuery.class)
                .setParameter(1, event.seq).setParameter(2, event.occurredAt).setParameter(3, event.actor)
                .setParameter(4, event.action).setParameter(5, event.requestId, Long.class)
                .setParameter(6, event.accountId, String.class).setParameter(7, event.taskPolicy, String.class)
                .setParameter(8, event.sourceIp, String.class).setParameter(9, event.details)
                .setParameter(10, event.prevHash).setParameter(11, event.hash)
                .executeUpdate();
        return event;
    }

    public List<AuditEvent> forRequest(long requestId) {
        return AuditEvent.list("requestId = ?1 order by seq", requestId);
    }

    private static Map<String, Object> withActorName(Actor actor, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("actorName", actor.name());
        all.put("actorUsername", actor.username());
        return all;
    }
}
