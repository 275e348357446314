package dev.rootgate.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import dev.rootgate.identity.Actor;

/**
 * The only writer of audit events. Appending requires the caller's transaction, so an event commits with the
 * change it describes or not at all (no audit write, no change). The event is written unsealed and takes no lock:
 * {@link ChainSealer} links it into the hash chain once the transaction has committed.
 */
@ApplicationScoped
public class AuditLog {

    private static final Object KICK_REGISTERED = new Object();

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    TransactionSynchronizationRegistry transaction;
    @Inject
    ChainSealer sealer;

    /** What an event is about; any part may be null. */
    public record Subject(Long requestId, String accountId, String taskPolicy) {
        public static final Subject NONE = new Subject(null, null, null);
    }

    /**
     * Writes the event and answers it as written, unsealed: the caller that shows it at once (a request just created)
     * needs no query to read it back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent append(Actor actor, String action, Subject subject, Map<String, ?> details) {
        AuditEvent event = new AuditEvent();
        // PostgreSQL keeps microseconds; the sealer hashes the stored time.
        event.occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        event.actor = actor.subject();
        event.action = action;
        event.requestId = subject.requestId();
        event.accountId = subject.accountId();
        event.taskPolicy = subject.taskPolicy();
        event.sourceIp = actor.sourceIp();
        event.details = HashChain.canonicalDetails(withActorName(actor, details));
        event.id = ((Number) em.createNativeQuery("INSERT INTO audit_event (occurred_at, actor, action, request_id, account_id, task_policy,"
                        + " source_ip, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id")
                .unwrap(NativeQuery.class)
                .setParameter(1, event.occurredAt).setParameter(2, event.actor).setParameter(3, event.action)
                .setParameter(4, event.requestId, Long.class).setParameter(5, event.accountId, String.class)
                .setParameter(6, event.taskPolicy, String.class).setParameter(7, event.sourceIp, String.class)
                .setParameter(8, event.details)
                .getSingleResult()).longValue();
        kickSealerAfterCommit();
        return event;
    }

    /** A request's events in the order they were written, sealed or not yet. */
    public List<AuditEvent> forRequest(long requestId) {
        return AuditEvent.list("requestId = ?1 order by id", requestId);
    }

    /** Once per transaction: the sealer is woken when it has committed, so its events are linked within moments. */
    private void kickSealerAfterCommit() {
        if (transaction.getResource(KICK_REGISTERED) != null) {
            return;
        }
        transaction.putResource(KICK_REGISTERED, Boolean.TRUE);
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare: the event is already written
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    sealer.kick();
                }
            }
        });
    }

    private static Map<String, Object> withActorName(Actor actor, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>();
        details.forEach((key, value) -> all.put(key, withoutNul(value)));
        all.put("actorName", withoutNul(actor.name()));
        all.put("actorUsername", withoutNul(actor.username()));
        return all;
    }

    /**
     * PostgreSQL's jsonb cannot hold U+0000, so an event that did would break every query reading its details as
     * jsonb for good (events are never changed): wherever a caller's text brings one, it is written as U+FFFD.
     */
    private static Object withoutNul(Object value) {
        if (value instanceof String text) {
            return text.replace('\u0000', '\uFFFD');
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> clean = new LinkedHashMap<>();
            map.forEach((key, inner) -> clean.put(key, withoutNul(inner)));
            return clean;
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(AuditLog::withoutNul).toList();
        }
        return value;
    }
}
