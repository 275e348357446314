package dev.rootgate.detect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/**
 * How far the poller has read each region's trail. A poll holds its region's lease: a transaction-scoped advisory
 * lock, so that two replicas never read one region at once (they would share its 2 calls per second) and a replica
 * that dies mid-poll releases it with its connection. The watermark only moves forward, even if two writes cross.
 */
@ApplicationScoped
public class Watermarks {

    @Inject
    DataSource dataSource;

    /** The region's lease, or empty when another replica is reading it now. */
    public Optional<Lease> lease(String region) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                if (!tryLock(connection, region)) {
                    connection.rollback();
                    connection.close();
                    return Optional.empty();
                }
                return Optional.of(new Lease(connection, region, read(connection, region)));
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the watermark of " + region + " could not be read", e);
        }
    }

    /** Where a region's reading began and how far it got; empty before its first poll. */
    public Optional<Mark> of(String region) {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, region);
        } catch (SQLException e) {
            throw new IllegalStateException("the watermark of " + region + " could not be read", e);
        }
    }

    private static boolean tryLock(Connection connection, String region) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(hashtextextended('rootgate.detect.watermark:' || ?, 0))")) {
            lock.setString(1, region);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static Optional<Mark> read(Connection connection, String region) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT started_at, read_until FROM detection_watermark WHERE region = ?")) {
            select.setString(1, region);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Mark(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }

    /** Where a region's reading began, and the end of the last window read whole. */
    public record Mark(Instant startedAt, Instant readUntil) {
    }

    /** Held for one poll of one region; closing it without {@link #advance} leaves the watermark where it was. */
    public static final class Lease implements AutoCloseable {
        private final Connection connection;
        private final String region;
        private final Optional<Mark> mark;
        private boolean advanced;

        private Lease(Connection connection, String region, Optional<Mark> mark) {
            this.connection = connection;
            this.region = region;
            this.mark = mark;
        }

        public Optional<Mark> mark() {
            return mark;
        }

        /** Records that the trail was read whole from {@code startedAt} (kept from the first poll) to {@code readUntil}. */
        public void advance(Instant startedAt, Instant readUntil, Instant now) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO detection_watermark"
                    + " (region, started_at, read_until, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (region) DO UPDATE"
                    + " SET read_until = GREATEST(detection_watermark.read_until, EXCLUDED.read_until),"
                    + " updated_at = EXCLUDED.updated_at")) {
                upsert.setString(1, region);
                upsert.setTimestamp(2, Timestamp.from(startedAt));
                upsert.setTimestamp(3, Timestamp.from(readUntil));
                upsert.setTimestamp(4, Timestamp.from(now));
                upsert.executeUpdate();
                connection.commit();
                advanced = true;
            } catch (SQLException e) {
                throw new IllegalStateException("the watermark of " + region + " could not be written", e);
            }
        }

        @Override
        public void close() {
            try (connection) {
                if (!advanced) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the lease of " + region + " could not be released", e);
            }
        }
    }
}
