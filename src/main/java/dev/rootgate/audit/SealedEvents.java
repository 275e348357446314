package dev.rootgate.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.postgresql.PGStatement;

/**
 * Reads the sealed part of the chain with plain JDBC, for verification and exports. Only sealed events (those with a
 * sequence number) are read: an event joins the chain when it is sealed, not when it is written.
 */
@ApplicationScoped
public class SealedEvents {

    /**
     * Rows per round trip. The server waits while a batch is written out and the writer waits while the server reads
     * the next, so batches are large (a few MB); PostgreSQL keeps the rest on the server, so memory stays flat
     * whatever the chain's size.
     */
    static final int FETCH_SIZE = 10_000;
    /** The columns {@link #event} reads, in its order. */
    static final String COLUMNS = "seq, occurred_at, actor, action, request_id, account_id, task_policy,"
            + " source_ip, details, prev_hash, hash";

    @Inject
    DataSource dataSource;

    /** Receives events one by one; answers whether to go on, and may fail writing them out. */
    @FunctionalInterface
    public interface Sink {
        boolean accept(ChainEvent event) throws IOException;
    }

    /** The sequence numbers of the first and the last sealed event that occurred in [from, to). */
    public record Span(long fromSeq, long toSeq) {
    }

    /** Streams the selected events in sequence order through one server-side cursor. */
    public void forEach(EventSelection selection, Sink sink) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL's driver fetches in batches only inside a transaction; without one it reads every row first.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_event WHERE " + selection.where() + " ORDER BY seq")) {
                statement.setFetchSize(FETCH_SIZE);
                // Binary results: numbers and times come as bytes to copy rather than text to parse. The driver does
                // so only for a statement prepared on the server, which it otherwise does from the fifth run on.
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                selection.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    boolean more = true;
                    while (more && rows.next()) {
                        more = sink.accept(chainEvent(rows));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading the audit chain failed", e);
        }
    }

    /**
     * The span of sealed events in a time range (from null: since the first). Exporting the whole span, rather than
     * the events whose time falls in the range, keeps an export one unbroken piece of the chain even where times and
     * sealing order differ.
     */
    public Optional<Span> span(Instant from, Instant to) {
        String sql = "SELECT min(seq), max(seq) FROM audit_event WHERE seq IS NOT NULL AND occurred_at < ?"
                + (from == null ? "" : " AND occurred_at >= ?");
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            if (from != null) {
                statement.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Long first = row.getObject(1, Long.class);
                return first == null ? Optional.empty() : Optional.of(new Span(first, row.getLong(2)));
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading the audit chain failed", e);
        }
    }

    /** A sealed event from a row of {@link #COLUMNS}, read by column number. */
    private static ChainEvent chainEvent(ResultSet row) throws SQLException {
        long requestNumber = row.getLong(5);
        Long requestId = row.wasNull() ? null : requestNumber;
        return new ChainEvent(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
                row.getString(4), requestId, row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), row.getString(11));
    }

    /** An event from a row of {@link #COLUMNS}; its seq and hashes are null while it is unsealed. */
    static AuditEvent event(ResultSet row) throws SQLException {
        AuditEvent event = new AuditEvent();
        event.seq = row.getObject(1, Long.class);
        event.occurredAt = row.getObject(2, OffsetDateTime.class).toInstant();
        event.actor = row.getString(3);
        event.action = row.getString(4);
        event.requestId = row.getObject(5, Long.class);
        event.accountId = row.getString(6);
        event.taskPolicy = row.getString(7);
        event.sourceIp = row.getString(8);
        event.details = row.getString(9);
        event.prevHash = row.getString(10);
        event.hash = row.getString(11);
        return event;
    }
}
