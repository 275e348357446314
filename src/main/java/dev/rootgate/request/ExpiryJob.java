package dev.rootgate.request;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    RequestStore store;
    @Inject
    MeterRegistry metrics;
    @Inject
    LongestStart longestStart;
    /** How long past the longest start a claim waits before it is judged lost: room for clocks that disagree. */
    @ConfigProperty(name = "rootgate.expiry.abandoned-grace", defaultValue = "PT1M")
    Duration abandonedGrace;

    @Scheduled(every = "${rootgate.expiry.every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void run() {
        RequestCore core = store.core();
        Instant now = core.now();
        // A claim older than the longest start, with the grace to spare, has lost its process.
        Duration abandonedAfter = longestStart.duration().plus(abandonedGrace);
        List<AccessRequest> due = new ArrayList<>();
        due.addAll(due("status = 'PENDING' AND pending_until <= ?1", now));
        due.addAll(due("status = 'APPROVED' AND activate_by <= ?1", now));
        due.addAll(due("status = 'ACTIVE' AND session_expires_at <= ?1", now));
        due.addAll(due("status = 'STARTING' AND claimed_at <= ?1", now.minus(abandonedAfter)));
        for (AccessRequest request : due) {
            core.expire(request, abandonedAfter).ifPresent(outcome -> {
                if (request.status == RequestStatus.STARTING) {
                    LOG.errorf("ALERT request %d: a start claimed at %s never finished; AssumeRoot may have issued a"
                            + " session on %s", request.id, request.claimedAt, request.accountId);
                    metrics.counter("rootgate.sessions.interrupted").increment();
                }
                lifecycle.apply(request, outcome, Actor.SYSTEM);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private List<AccessRequest> due(String condition, Instant cutoff) {
        return em.createNativeQuery("SELECT * FROM access_request WHERE " + condition
                + " ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", AccessRequest.class)
                .setParameter(1, cutoff).getResultList();
    }
}
