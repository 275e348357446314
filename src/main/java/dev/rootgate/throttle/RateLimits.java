package dev.rootgate.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/**
 * Counts each subject's write attempts and refusals per one-minute window in PostgreSQL, so that the limits hold
 * across replicas. Counting commits on its own: a refused attempt rolls back its work, never its count.
 */
@ApplicationScoped
public class RateLimits {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    RateLimitConfig config;

    /** How an attempt's refusal is to be audited. */
    public enum RefusalAudit {
        /** One event for this refusal. */
        INDIVIDUAL,
        /** The first refusal past the audited number: one event for it and the rest of the window. */
        SUMMARY,
        /** Already covered by the window's summary. */
        NONE
    }

    /** Counts a write attempt; when the subject is over a limit, how long until the window ends (the attempt must not run). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Duration> writeAttempt(String subject) {
        Instant window = windowStart();
        // A count lost in a crash only lets one more attempt through: not worth a WAL flush on every write.
        em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        Object[] counts = (Object[]) em.createNativeQuery("INSERT INTO rate_limit (subject, window_start, writes)"
                        + " VALUES (?1, ?2, 1) ON CONFLICT (subject, window_start)"
                        + " DO UPDATE SET writes = rate_limit.writes + 1 RETURNING writes, refusals")
                .setParameter(1, subject).setParameter(2, window).getSingleResult();
        int writes = ((Number) counts[0]).intValue();
        int refusals = ((Number) counts[1]).intValue();
        if (writes > config.writesPerMinute() || refusals >= config.refusalsPerMinute()) {
            return Optional.of(Duration.between(clock.instant(), window.plus(WINDOW)).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
        }
        return Optional.empty();
    }

    /** Counts a refusal, in the caller's transaction (the one that audits it), and says how to audit it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RefusalAudit refusal(String subject) {
        int refusals = ((Number) em.createNativeQuery("INSERT INTO rate_limit (subject, window_start, refusals)"
                        + " VALUES (?1, ?2, 1) ON CONFLICT (subject, window_start)"
                        + " DO UPDATE SET refusals = rate_limit.refusals + 1 RETURNING refusals")
                .setParameter(1, subject).setParameter(2, windowStart()).getSingleResult()).intValue();
        int audited = config.auditedRefusalsPerWindow();
        return refusals <= audited ? RefusalAudit.INDIVIDUAL
                : refusals == audited + 1 ? RefusalAudit.SUMMARY : RefusalAudit.NONE;
    }

    /** Past windows decide nothing; dropping them keeps the table at one row per recently active subject. */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetPastWindows() {
        em.createNativeQuery("DELETE FROM rate_limit WHERE window_start < ?1")
                .setParameter(1, windowStart().minus(WINDOW)).executeUpdate();
    }

    public Instant windowStart() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }

    public RateLimitConfig config() {
        return config;
    }
}
