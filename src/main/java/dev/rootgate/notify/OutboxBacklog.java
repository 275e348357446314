package dev.rootgate.notify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * The notification backlog as gauges, sampled on a schedule rather than at each scrape (a scrape must not wait
 * for the database): rootgate_notify_backlog (messages waiting to go out), rootgate_notify_backlog_oldest_seconds
 * and rootgate_notify_failed (given up on, waiting for an admin's retry). The outbox is shared, so every replica
 * shows the same numbers.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry metrics;

    private volatile Sample sample = new Sample(0, 0, 0);

    record Sample(long pending, double oldestSeconds, long failed) {
    }

    @PostConstruct
    void register() {
        Gauge.builder("rootgate.notify.backlog", this, backlog -> backlog.sample.pending())
                .description("notifications waiting to be delivered, as of the last sample").register(metrics);
        Gauge.builder("rootgate.notify.backlog.oldest.seconds", this, backlog -> backlog.sample.oldestSeconds())
                .description("age of the oldest notification waiting, as of the last sample; 0 when none").register(metrics);
        Gauge.builder("rootgate.notify.failed", this, backlog -> backlog.sample.failed())
                .description("notifications given up on, waiting for an admin's retry, as of the last sample").register(metrics);
    }

    @Scheduled(every = "${rootgate.notify.backlog-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                // one subquery per partial index (outbox_due, outbox_failed): delivered rows are never read
                ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM outbox WHERE state = 'PENDING'),"
                        + " (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox WHERE state = 'PENDING'),"
                        + " (SELECT count(*) FROM outbox WHERE state = 'FAILED')")) {
            row.next();
            sample = new Sample(row.getLong(1), row.getDouble(2), row.getLong(3));
        } catch (SQLException e) {
            LOG.warnf("could not measure the notification backlog: %s", e.toString());
        }
    }
}
