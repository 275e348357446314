package dev.rootgate.throttle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

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
    DataSource dataSource;
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

    /**
     * Counts a write attempt; when the subject is over a limit, how long until the window ends (the attempt must not
     * run). Every write asks this first, so it is one short transaction on a plain connection, committed before the
     * attempt starts its own.
     */
    public Optional<Duration> writeAttempt(String subject) {
        Instant window = windowStart();
        int writes;
        int refusals;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement unflushed = connection.createStatement();
                    PreparedStatement count = connection.prepareStatement("INSERT INTO rate_limit (subject, window_start, writes)"
                            + " VALUES (?, ?, 1) ON CONFLICT (subject, window_start)"
                            + " DO UPDATE SET writes = rate_limit.writes + 1 RETURNING writes, refusals")) {
                // A count lost in a crash only lets one more attempt through: not worth a WAL flush on every write.
                unflushed.execute("SET LOCAL synchronous_commit TO OFF");
                count.setString(1, subject);
                count.setObject(2, window.atOffset(ZoneOffset.UTC));
                try (ResultSet counts = count.executeQuery()) {
                    counts.next();
                    writes = counts.getInt(1);
                    refusals = counts.getInt(2);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException("a write attempt could not be counted", e);
        }
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
