package dev.rootgate.notify;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Delivers outbox rows, one row per database transaction. The row is claimed with {@code FOR UPDATE SKIP LOCKED}
 * and its lock is held while its sink delivers it and until the outcome is committed, so several dispatchers
 * (threads or replicas) on one database never deliver a row twice. A row waits while an earlier row of its thread
 * is not delivered, so a thread's messages arrive in the order they were written. Only rows of the sinks this
 * dispatcher knows are claimed: a replica of an older version leaves a newer sink's rows alone.
 *
 * <p>Delivery is at least once only across a crash between the sink's success and the commit that records it;
 * everything else (retries, restarts, several dispatchers) delivers each row once.
 */
public final class Dispatcher {

    private static final String CLAIM = """
            SELECT o.id, o.sink, o.kind, o.thread_key, o.payload, o.attempts,
                   (SELECT f.result FROM outbox f WHERE f.thread_key = o.thread_key AND f.state = 'DELIVERED'
                     ORDER BY f.id LIMIT 1) AS thread_start
              FROM outbox o
             WHERE o.state = 'PENDING' AND o.next_attempt_at <= ? AND o.sink = ANY (?)
               AND NOT EXISTS (SELECT 1 FROM outbox e
                                WHERE e.thread_key = o.thread_key AND e.id < o.id AND e.state <> 'DELIVERED')
             ORDER BY o.id
             LIMIT 1
               FOR UPDATE OF o SKIP LOCKED
            """;

    /** How long to wait before attempt n+1 after n failures, and when to give up. */
    public record Backoff(Duration first, Duration max, int maxAttempts) {

        Duration after(int failures) {
            Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 20));
            return wait.compareTo(max) > 0 ? max : wait;
        }
    }

    private final DataSource dataSource;
    private final Map<String, Sink> sinks;
    private final Clock clock;
    private final Backoff backoff;

    public Dispatcher(DataSource dataSource, List<Sink> sinks, Clock clock, Backoff backoff) {
        this.dataSource = dataSource;
        this.sinks = sinks.stream().collect(Collectors.toUnmodifiableMap(Sink::name, Function.identity()));
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Delivers what is due until nothing is; returns how many attempts were made. */
    public int drain() {
        int attempts = 0;
        while (deliverOne()) {
            attempts++;
        }
        return attempts;
    }

    /** One attempt at the first due row; false when no row is due (or every due row is another's). */
    public boolean deliverOne() {
        if (sinks.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean attempted = attemptFirstDue(connection);
                connection.commit();
                return attempted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox: " + e.getMessage(), e);
        }
    }

    private boolean attemptFirstDue(Connection connection) throws SQLException {
        Sink sink;
        Sink.OutboxRow row;
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setTimestamp(1, Timestamp.from(clock.instant()));
            Array names = connection.createArrayOf("text", sinks.keySet().toArray());
            claim.setArray(2, names);
            try (ResultSet found = claim.executeQuery()) {
                if (!found.next()) {
                    return false;
                }
                sink = sinks.get(found.getString("sink"));
                row = new Sink.OutboxRow(found.getLong("id"), found.getString("kind"), found.getString("thread_key"),
                        found.getString("payload"), found.getInt("attempts"),
                        Optional.ofNullable(found.getString("thread_start")));
            }
        }
        Sink.Delivery delivery;
        try {
            delivery = sink.deliver(row);
        } catch (RuntimeException e) {
            delivery = new Sink.RetryLater(Optional.empty(), String.valueOf(e));
        }
        record(connection, row, delivery);
        return true;
    }

    private void record(Connection connection, Sink.OutboxRow row, Sink.Delivery delivery) throws SQLException {
        Instant now = clock.instant();
        int attempts = row.attempts() + 1;
        String state;
        String error = null;
        String result = null;
        Instant next = now;
        if (delivery instanceof Sink.Delivered delivered) {
            state = "DELIVERED";
            result = delivered.result();
        } else if (delivery instanceof Sink.Failed failed) {
            state = "FAILED";
            error = failed.error();
        } else {
            Sink.RetryLater retry = (Sink.RetryLater) delivery;
            state = attempts >= backoff.maxAttempts() ? "FAILED" : "PENDING";
            error = retry.error();
            next = now.plus(retry.after().orElseGet(() -> backoff.after(attempts)));
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE outbox SET state = ?, attempts = ?, last_error = ?, result = ?, next_attempt_at = ?,
                                  delivered_at = ?
                 WHERE id = ?
                """)) {
            update.setString(1, state);
            update.setInt(2, attempts);
            update.setString(3, error);
            update.setString(4, result);
            update.setTimestamp(5, Timestamp.from(next));
            update.setTimestamp(6, result == null ? null : Timestamp.from(now));
            update.setLong(7, row.id());
            update.executeUpdate();
        }
    }
}
