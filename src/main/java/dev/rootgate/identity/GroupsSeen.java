package dev.rootgate.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The groups each subject's latest token showed. Deciding about someone who is not the caller (a vote cast
 * earlier, the requester of a request being approved) can only rely on what that person's own token said last.
 */
@ApplicationScoped
public class GroupsSeen {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The stored groups, and whether the stored token is newer than, or as old as, the one given (twice). */
    private static final String SEEN = "SELECT groups, issued_at > ?, issued_at = ? FROM subject_groups WHERE subject = ?";

    @Inject
    EntityManager em;
    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;

    /**
     * Records the groups of the caller's token unless a newer token of theirs was seen, and answers the groups of
     * the newest token: a token issued before a group change cannot bring the old groups back. Two tokens issued in
     * the same second cannot be ordered, so they count only for the groups both show (fail closed). Most calls
     * change nothing and are answered by a plain read; only a change takes the row lock (a lock would make every
     * read a writing transaction whose commit waits for the WAL to reach the disk).
     */
    Set<String> record(String subject, Set<String> groups, Instant issuedAt) {
        Optional<Set<String>> unchanged = settled(lastSeen(subject, issuedAt), groups);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> seen = lockedSeen(subject, issuedAt);
            Optional<Set<String>> settled = settled(seen, groups);
            if (settled.isPresent()) {
                return settled.get();
            }
            Set<String> now = seen.isEmpty() ? groups : merged((Object[]) seen.get(0), groups);
            em.createNativeQuery("INSERT INTO subject_groups (subject, groups, issued_at, seen_at) VALUES (?1, ?2, ?3, ?4) "
                    + "ON CONFLICT (subject) DO UPDATE SET groups = EXCLUDED.groups, issued_at = EXCLUDED.issued_at,"
                    + " seen_at = EXCLUDED.seen_at WHERE subject_groups.issued_at <= EXCLUDED.issued_at")
                    .setParameter(1, subject).setParameter(2, text(now)).setParameter(3, issuedAt)
                    .setParameter(4, clock.instant()).executeUpdate();
            return now;
        });
    }

    /**
     * The row without a lock, read on a plain connection: every signed-in request asks this first, and one
     * statement in autocommit costs a fraction of a transaction with an entity manager.
     */
    private List<?> lastSeen(String subject, Instant issuedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SEEN)) {
            OffsetDateTime issued = issuedAt.atOffset(ZoneOffset.UTC);
            select.setObject(1, issued);
            select.setObject(2, issued);
            select.setString(3, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? List.<Object[]>of(new Object[] { row.getString(1), row.getBoolean(2), row.getBoolean(3) })
                        : List.of();
            }
        } catch (SQLException e) {
            throw new PersistenceException("the groups last seen for a subject could not be read", e);
        }
    }

    /** The row, locked until the transaction ends. */
    private List<?> lockedSeen(String subject, Instant issuedAt) {
        return em.createNativeQuery(SEEN + " FOR UPDATE").setParameter(1, issuedAt).setParameter(2, issuedAt)
                .setParameter(3, subject).getResultList();
    }

    /** The groups to answer when the stored row needs no change: a newer token's, or the same groups again. */
    private static Optional<Set<String>> settled(List<?> seen, Set<String> groups) {
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) seen.get(0);
        Set<String> stored = groups((String) row[0]);
        if (Boolean.TRUE.equals(row[1])) {
            return Optional.of(stored);
        }
        return merged(row, groups).equals(stored) ? Optional.of(stored) : Optional.empty();
    }

    /** What to store for a token not older than the stored one: its groups, or only those both show. */
    private static Set<String> merged(Object[] row, Set<String> groups) {
        if (!Boolean.TRUE.equals(row[2])) {
            return groups;
        }
        Set<String> both = new TreeSet<>(groups((String) row[0]));
        both.retainAll(groups);
        return both;
    }

    /** The last groups seen for each subject; a subject never seen has none. Needs a transaction. */
    public Map<String, Set<String>> of(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        List<?> rows = em.createNativeQuery("SELECT subject, groups FROM subject_groups WHERE subject IN (?1)")
                .setParameter(1, subjects).getResultList();
        return rows.stream().map(Object[].class::cast)
                .collect(Collectors.toMap(row -> (String) row[0], row -> groups((String) row[1])));
    }

    private static String text(Set<String> groups) {
        try {
            return JSON.writeValueAsString(new TreeSet<>(groups));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("groups cannot be written as JSON", e);
        }
    }

    private static Set<String> groups(String text) {
        try {
            return Set.copyOf(JSON.readValue(text, new TypeReference<List<String>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("subject_groups holds invalid JSON", e);
        }
    }
}
