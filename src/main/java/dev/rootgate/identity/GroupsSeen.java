package dev.rootgate.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

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

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    /**
     * Records the groups of the caller's token unless a newer token of theirs was seen, and answers the groups of
     * the newest token: a token issued before a group change cannot bring the old groups back. Two tokens issued in
     * the same second cannot be ordered, so they count only for the groups both show (fail closed). A read on most
     * calls, a write when the groups changed.
     */
    Set<String> record(String subject, Set<String> groups, Instant issuedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> seen = em.createNativeQuery("SELECT groups, issued_at > ?2, issued_at = ?2 FROM subject_groups"
                    + " WHERE subject = ?1 FOR UPDATE").setParameter(1, subject).setParameter(2, issuedAt).getResultList();
            Set<String> now = groups;
            if (!seen.isEmpty()) {
                Object[] row = (Object[]) seen.get(0);
                Set<String> stored = groups((String) row[0]);
                if (Boolean.TRUE.equals(row[1])) {
                    return stored;
                }
                if (Boolean.TRUE.equals(row[2])) {
                    now = new TreeSet<>(stored);
                    now.retainAll(groups);
                }
                if (now.equals(stored)) {
                    return stored;
                }
            }
            em.createNativeQuery("INSERT INTO subject_groups (subject, groups, issued_at, seen_at) VALUES (?1, ?2, ?3, ?4) "
                    + "ON CONFLICT (subject) DO UPDATE SET groups = EXCLUDED.groups, issued_at = EXCLUDED.issued_at,"
                    + " seen_at = EXCLUDED.seen_at WHERE subject_groups.issued_at <= EXCLUDED.issued_at")
                    .setParameter(1, subject).setParameter(2, text(now)).setParameter(3, issuedAt)
                    .setParameter(4, clock.instant()).executeUpdate();
            return now;
        });
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
