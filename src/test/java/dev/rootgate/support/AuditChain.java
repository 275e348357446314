package dev.rootgate.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.HashChain;

/** The audit table as a test sees it from outside rootgate: waiting for sealing, and tampering as a superuser would. */
public final class AuditChain {

    private static final Duration SEALING = Duration.ofSeconds(10);

    private AuditChain() {
    }

    /** Waits until every written event has been sealed into the chain (an event is sealed after its transaction). */
    public static void awaitSealed(DataSource dataSource) throws Exception {
        Instant deadline = Instant.now().plus(SEALING);
        while (unsealed(dataSource) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("audit events still unsealed after " + SEALING);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Runs statements with the audit table's triggers off, in one transaction, as the database's superuser could:
     * nobody else ever sees the table without its triggers.
     */
    public static void behindTheBack(Connection connection, String... statements) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Rewrites the chain as the database superuser could and leave no broken link: the event at {@code seq} gets new
     * details, and every hash from there to the head is recomputed (each next event names the new hash), the head
     * included. Holding the head's row first keeps rootgate from sealing events meanwhile. Answers the details the
     * event had; rewriting it again with those restores the chain, events added in the meantime included.
     */
    public static String rechainFrom(DataSource dataSource, long seq, UnaryOperator<String> newDetails) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE");
                statement.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                String previous = seq == 1 ? HashChain.GENESIS : text(connection, "SELECT hash FROM audit_event WHERE seq = " + (seq - 1));
                String original = null;
                List<AuditEvent> events = eventsFrom(connection, seq);
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE audit_event SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
                    for (AuditEvent event : events) {
                        if (event.seq == seq) {
                            original = event.details;
                            event.details = newDetails.apply(event.details);
                        }
                        event.prevHash = previous;
                        event.hash = HashChain.hash(previous, event);
                        update.setString(1, event.details);
                        update.setString(2, event.prevHash);
                        update.setString(3, event.hash);
                        update.setLong(4, event.seq);
                        update.executeUpdate();
                        previous = event.hash;
                    }
                }
                statement.execute("UPDATE audit_chain_head SET last_hash = '" + previous + "' WHERE id = 1");
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
                connection.commit();
                return original;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The sealed events from {@code seq} on, in chain order. */
    private static List<AuditEvent> eventsFrom(Connection connection, long seq) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT * FROM audit_event WHERE seq >= ? ORDER BY seq")) {
            query.setLong(1, seq);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(eventOf(row));
                }
            }
        }
        return events;
    }

    /** The first sequence number among a request's events. */
    public static long firstSeqOf(DataSource dataSource, long requestId) throws SQLException {
        return longValue(dataSource, "SELECT min(seq) FROM audit_event WHERE request_id = " + requestId);
    }

    public static String text(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return text(connection, query);
        }
    }

    private static String text(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static long unsealed(DataSource dataSource) throws SQLException {
        return longValue(dataSource, "SELECT count(*) FROM audit_event WHERE seq IS NULL");
    }

    private static long longValue(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** An event from a {@code SELECT *} row of audit_event, as a database superuser would read it. */
    public static AuditEvent eventOf(ResultSet row) throws SQLException {
        AuditEvent event = new AuditEvent();
        event.seq = row.getObject("seq", Long.class);
        event.occurredAt = row.getObject("occurred_at", OffsetDateTime.class).toInstant();
        event.actor = row.getString("actor");
        event.action = row.getString("action");
        event.requestId = row.getObject("request_id", Long.class);
        event.accountId = row.getString("account_id");
        event.taskPolicy = row.getString("task_policy");
        event.sourceIp = row.getString("source_ip");
        event.details = row.getString("details");
        event.prevHash = row.getString("prev_hash");
        event.hash = row.getString("hash");
        return event;
    }
}
