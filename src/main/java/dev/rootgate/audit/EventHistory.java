package dev.rootgate.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

/**
 * The audit log as people read it: every event, sealed or not yet (an event is in the log as soon as its change
 * committed; its link in the chain follows within moments), newest first. Sealed events carry their sequence number.
 */
@ApplicationScoped
public class EventHistory {

    private static final String COLUMNS = SealedEvents.COLUMNS;
    /** Newest first; among events of the same microsecond, the one inserted later first. */
    private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, id DESC";

    @Inject
    DataSource dataSource;

    /** A page of events and how many match in all. */
    public record Page(List<AuditEvent> items, long total) {
    }

    public Page page(HistoryFilter filter) {
        HistoryFilter.Where where = filter.where();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE " + where.sql())) {
                bind(count, where.values());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<AuditEvent> items = events(connection, "SELECT " + COLUMNS + " FROM audit_event WHERE " + where.sql()
                    + NEWEST_FIRST + " LIMIT ? OFFSET ?", where.values(), filter.size(), (long) filter.page() * filter.size());
            return new Page(items, total);
        } catch (SQLException e) {
            throw new PersistenceException("reading the audit log failed", e);
        }
    }

    /** The newest event of an action (the last verification, say). */
    public Optional<AuditEvent> latest(String action) {
        try (Connection connection = dataSource.getConnection()) {
            return events(connection, "SELECT " + COLUMNS + " FROM audit_event WHERE action = ?" + NEWEST_FIRST
                    + " LIMIT ?", List.of(action), 1).stream().findFirst();
        } catch (SQLException e) {
            throw new PersistenceException("reading the audit log failed", e);
        }
    }

    private static List<AuditEvent> events(Connection connection, String sql, List<Object> values, Object... more)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            List<Object> all = new ArrayList<>(values);
            all.addAll(List.of(more));
            bind(query, all);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(SealedEvents.event(row));
                }
            }
            return events;
        }
    }

    private static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }
}
