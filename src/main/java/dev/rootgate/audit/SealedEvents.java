package dev.rootgate.audit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;

/**
 * Reads the sealed part of the chain with plain JDBC, for verification and exports. Only sealed events (those with a
 * sequence number) are read: an event joins the chain when it is sealed, not when it is written.
 */
@ApplicationScoped
public class SealedEvents {

    /**
     * Rows per round trip: few round trips, and the rest of the rows stay on the server, so memory stays flat whatever
     * the chain's size (a batch is a few MB).
     */
    static final int FETCH_SIZE = 10_000;
    /** Events per hand-over from the reading thread to the sink, and how many such batches may wait. */
    private static final int BATCH = 500;
    private static final int BATCHES_AHEAD = 4;
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    /** The columns {@link #event} reads, in its order. */
    static final String COLUMNS = "seq, occurred_at, actor, action, request_id, account_id, task_policy,"
            + " source_ip, details, prev_hash, hash";

    @Inject
    DataSource dataSource;

    /** Receives events one by one; answers whether to go on, and may fail writing them out. */
    @FunctionalInterface
    interface Sink {
        boolean accept(StoredEvent event) throws IOException;
    }

    /** The sequence numbers of the first and the last sealed event that occurred in [from, to). */
    public record Span(long fromSeq, long toSeq) {
    }

    /**
     * Streams the selected events in sequence order through one server-side cursor, read on a thread of its own a few
     * batches ahead of the sink: the driver asks for the next rows only when it has handed out the last ones, so with
     * one thread the database would wait while the sink works, and the sink while the database reads.
     */
    void forEach(EventSelection selection, Sink sink) throws IOException {
        try (ReadAhead rows = new ReadAhead(selection)) {
            for (List<StoredEvent> batch = rows.next(); batch != null; batch = rows.next()) {
                for (StoredEvent event : batch) {
                    if (!sink.accept(event)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The reading thread and the batches it hands over: at most {@link #BATCHES_AHEAD} of {@link #BATCH} events wait,
     * so memory stays flat however long the chain. It ends with {@link #END} or with what it failed with.
     */
    private final class ReadAhead implements AutoCloseable {
        private static final Object END = new Object();
        private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        private final EventSelection selection;
        private final Thread reader;
        private volatile boolean stopped;

        ReadAhead(EventSelection selection) {
            this.selection = selection;
            reader = new Thread(this::read, "audit-chain-reader");
            reader.setDaemon(true);
            reader.start();
        }

        @SuppressWarnings("unchecked")
        List<StoredEvent> next() throws IOException {
            Object next;
            try {
                next = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the audit chain");
            }
            if (next == END) {
                return null;
            }
            if (next instanceof SQLException failure) {
                throw new PersistenceException("reading the audit chain failed", failure);
            }
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            if (next instanceof Error failure) {
                throw failure;
            }
            return (List<StoredEvent>) next;
        }

        private void read() {
            try {
                if (readAll()) {
                    hand(END);
                }
            } catch (Throwable failure) {
                hand(failure);
            }
        }

        /** Whether every row was read (not stopped by the consumer). */
        private boolean readAll() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                // PostgreSQL's driver fetches in batches only inside a transaction; without one it reads every row first.
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM audit_event WHERE " + selection.where() + " ORDER BY seq")) {
                    statement.setFetchSize(FETCH_SIZE);
                    // Binary results: numbers and times come as bytes to copy rather than text to parse. The driver
                    // does so only for a statement prepared on the server, which it otherwise does from the fifth run on.
                    statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                    selection.bind(statement);
                    try (ResultSet rows = statement.executeQuery()) {
                        boolean binaryTime = rows.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(2) == 1;
                        List<StoredEvent> batch = new ArrayList<>(BATCH);
                        while (rows.next()) {
                            batch.add(stored(rows, binaryTime));
                            if (batch.size() == BATCH) {
                                if (!hand(batch)) {
                                    return false;
                                }
                                batch = new ArrayList<>(BATCH);
                            }
                        }
                        return batch.isEmpty() || hand(batch);
                    }
                } finally {
                    connection.rollback();
                }
            }
        }

        /** Waits for room; false once the consumer stopped (then nothing more is read). */
        private boolean hand(Object item) {
            try {
                while (!stopped) {
                    if (ready.offer(item, 50, TimeUnit.MILLISECONDS)) {
                        return !stopped;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        /** Stops the reader and waits until it has given its connection back. */
        @Override
        public void close() {
            stopped = true;
            ready.clear();
            boolean interrupted = false;
            while (reader.isAlive()) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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

    /**
     * A sealed event from a row of {@link #COLUMNS}, read by column number, its text as the bytes that came. A time in
     * binary is PostgreSQL's count of microseconds since 2000-01-01 UTC, read here as it is: the driver's way to an
     * OffsetDateTime, through a LocalDateTime and a calendar, costs more than the rest of the row. The driver keeps its
     * own meaning for the two infinities, stored as the extreme counts.
     */
    private static StoredEvent stored(ResultSet row, boolean binaryTime) throws SQLException {
        long requestNumber = row.getLong(5);
        Long requestId = row.wasNull() ? null : requestNumber;
        long micros = binaryTime ? ByteBuffer.wrap(row.getBytes(2)).getLong() : Long.MAX_VALUE;
        Instant occurredAt = micros != Long.MAX_VALUE && micros != Long.MIN_VALUE
                ? POSTGRES_EPOCH.plus(micros, ChronoUnit.MICROS)
                : row.getObject(2, OffsetDateTime.class).toInstant();
        return new StoredEvent(row.getLong(1), occurredAt, row.getBytes(3),
                row.getBytes(4), requestId, row.getBytes(6), row.getBytes(7), row.getBytes(8), row.getBytes(9),
                row.getBytes(10), row.getBytes(11));
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
