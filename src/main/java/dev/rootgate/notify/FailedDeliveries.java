package dev.rootgate.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Caller;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;

/**
 * What rootgate could not send, for admins: the outbox rows that gave up, and putting one back in line. A failed
 * row holds back the later messages of its thread, so a retry lets those go too. Every retry is audited.
 */
@ApplicationScoped
@RecordsRefusals
public class FailedDeliveries {

    @Inject
    EntityManager em;
    @Inject
    PolicyService policies;
    @Inject
    AuditLog audit;
    @Inject
    SlackSettings slack;
    @Inject
    Clock clock;

    /** One row that gave up: what it was, how often it was tried, and the sink's last answer. */
    public record Failed(long id, String sink, String kind, String threadKey, int attempts, String lastError,
            Instant createdAt) {
    }

    public boolean notificationsOn() {
        return slack.enabled();
    }

    @Transactional
    public List<Failed> list(Caller caller) {
        requireAdmin(caller, "list_failed_notifications", null);
        List<?> rows = em.createNativeQuery("SELECT id, sink, kind, thread_key, attempts, last_error, created_at"
                + " FROM outbox WHERE state = 'FAILED' ORDER BY id LIMIT 200").getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> new Failed(((Number) row[0]).longValue(),
                (String) row[1], (String) row[2], (String) row[3], ((Number) row[4]).intValue(), (String) row[5],
                (Instant) row[6])).toList();
    }

    @Transactional
    public void retry(Caller caller, long id) {
        requireAdmin(caller, "retry_notification", id);
        int updated = em.createNativeQuery("UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ?1,"
                + " last_error = NULL WHERE id = ?2 AND state = 'FAILED'")
                .setParameter(1, clock.instant()).setParameter(2, id).executeUpdate();
        if (updated == 0) {
            throw Refusal.of(caller.actor(), "retry_notification", null, null, null)
                    .conflict("not_failed", "notification " + id + " is not a failed delivery");
        }
        audit.append(caller.actor(), "notification.retried", AuditLog.Subject.NONE, Map.of("notification", id));
    }

    private void requireAdmin(Caller caller, String attempt, Long id) {
        if (!caller.inAnyOf(policies.current().adminGroups())) {
            throw Refusal.of(caller.actor(), attempt, null, null, null).with("notification", id == null ? "" : id)
                    .forbidden("not_admin", "only rootgate admins see and retry failed notifications");
        }
    }
}
