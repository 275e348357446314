package dev.rootgate.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

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

    /** The first sequence number among a request's events. */
    public static long firstSeqOf(DataSource dataSource, long requestId) throws SQLException {
        return longValue(dataSource, "SELECT min(seq) FROM audit_event WHERE request_id = " + requestId);
    }

    public static String text(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
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
}
