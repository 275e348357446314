package dev.rootgate.identity;

import java.time.Clock;
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

    /** Records the caller's groups when they differ from the last seen: a read on most calls, a write on a change. */
    void record(String subject, Set<String> groups) {
        String now = text(groups);
        QuarkusTransaction.requiringNew().run(() -> {
            List<?> seen = em.createNativeQuery("SELECT groups FROM subject_groups WHERE subject = ?1")
                    .setParameter(1, subject).getResultList();
            if (seen.isEmpty() || !now.equals(seen.get(0))) {
                em.createNativeQuery("INSERT INTO subject_groups (subject, groups, seen_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (subject) DO UPDATE SET groups = EXCLUDED.groups, seen_at = EXCLUDED.seen_at")
                        .setParameter(1, subject).setParameter(2, now).setParameter(3, clock.instant())
                        .executeUpdate();
            }
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
