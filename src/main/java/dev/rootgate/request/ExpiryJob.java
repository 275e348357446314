package dev.rootgate.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.rootgate.identity.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves requests past their deadlines. Safe with several replicas: each run takes its rows with
 * FOR UPDATE SKIP LOCKED, so two replicas never move the same request, and a request being decided or started
 * is left for the next run.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);
    private static final int BATCH = 100;

    @Inject
    EntityManager em;
    @Inject
    Lifecycle lifecycle;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;
    @Inject
    LongestStart longestStart;

    @Scheduled(every = "${rootgate.expiry.every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void run() {
        Instant now = clock.instant();
        move("status = 'PENDING' AND pending_until <= ?1", now, RequestStatus.EXPIRED, "pending TTL passed");
        move("status = 'APPROVED' AND activate_by <= ?1", now, RequestStatus.EXPIRED, "activation window passed");
        move("status = 'ACTIVE' AND session_expires_at <= ?1", now, RequestStatus.ENDED, "session expired");
        for (AccessRequest abandoned : due("status = 'STARTING' AND claimed_at <= ?1", now.minus(abandonedClaim()))) {
            LOG.errorf("ALERT request %d: a start claimed at %s never finished; AssumeRoot may have issued a session on %s",
                    abandoned.id, abandoned.claimedAt, abandoned.accountId);
            metrics.counter("rootgate.sessions.interrupted").increment();
            lifecycle.move(abandoned, RequestStatus.INTERRUPTED, Actor.SYSTEM,
                    Map.of("reason", "start claimed at " + abandoned.claimedAt + " never finished"));
        }
    }

    /** A claim older than the longest start, with a minute to spare, has lost its process. */
    Duration abandonedClaim() {
        return longestStart.duration().plusMinutes(1);
    }

    private void move(String condition, Instant now, RequestStatus target, String reason) {
        for (AccessRequest request : due(condition, now)) {
            lifecycle.move(request, target, Actor.SYSTEM, Map.of("reason", reason));
        }
    }

    @SuppressWarnings("unchecked")
    private List<AccessRequest> due(String condition, Instant cutoff) {
        return em.createNativeQuery("SELECT * FROM access_request WHERE " + condition
                + " ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", AccessRequest.class)
                .setParameter(1, cutoff).getResultList();
    }
}
