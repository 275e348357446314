package dev.rootgate.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes delivered outbox rows once they are older than {@code rootgate.notify.retention}, in batches of short
 * transactions. Rows not delivered (PENDING, FAILED) are never deleted: they are what the dispatcher and the admins
 * still work on. A thread's first delivered row is kept: the dispatcher reads its result (Slack's channel and ts)
 * for every later reply or update of that thread, and a request's thread can get a message long after it began.
 * A row with a dedupe key (a reminder, an alert) is kept too: its key is what makes that message a once-only one,
 * and a request can wait longer than any retention an operator picks.
 * Every replica runs this; rows another replica is deleting are skipped, and deleting a deleted row is nothing.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);
    /** "Later" mirrors the dispatcher's thread start: the thread's delivered row with the lowest id. */
    private static final String DELETE_BATCH = """
            DELETE FROM outbox WHERE id IN (
                SELECT o.id FROM outbox o
                 WHERE o.state = 'DELIVERED' AND o.delivered_at < ? AND o.dedupe_key IS NULL
                   AND (o.thread_key IS NULL OR EXISTS (SELECT 1 FROM outbox s WHERE s.thread_key = o.thread_key
                                                           AND s.state = 'DELIVERED' AND s.id < o.id))
                 ORDER BY o.id
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED)
            """;

    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    NotifyConfig config;

    @Scheduled(every = "${rootgate.notify.retention-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (SQLException e) {
            LOG.warnf("outbox retention stopped; the next run goes on: %s", e.toString());
        }
    }

    /** Deletes every delivered row past retention, batch by batch; returns how many. */
    public long purge() throws SQLException {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(config.retention()));
        long total = 0;
        int deleted;
        do {
            deleted = deleteBatch(cutoff);
            total += deleted;
        } while (deleted == config.retentionBatch());
        return total;
    }

    private int deleteBatch(Timestamp cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_BATCH)) {
            delete.setTimestamp(1, cutoff);
            delete.setInt(2, config.retentionBatch());
            return delete.executeUpdate();
        }
    }
}
