package dev.rootgate.oversight;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.rootgate.policy.TaskPolicy;

/** The rows behind {@link Trends}: sessions started and requests approved since a point in time. */
@ApplicationScoped
class TrendQueries {

    @Inject
    EntityManager em;

    @Transactional
    List<Trends.Session> sessionsSince(Instant from) {
        List<?> rows = em.createNativeQuery("SELECT started_at, task_policy FROM access_request WHERE started_at >= ?1")
                .setParameter(1, from).getResultList();
        return rows.stream().map(Object[].class::cast)
                .map(row -> new Trends.Session(instant(row[0]), TaskPolicy.valueOf((String) row[1]))).toList();
    }

    @Transactional
    List<Trends.Approval> approvalsSince(Instant from) {
        List<?> rows = em.createNativeQuery("SELECT id, created_at, approved_at FROM access_request WHERE approved_at >= ?1")
                .setParameter(1, from).getResultList();
        return rows.stream().map(Object[].class::cast)
                .map(row -> new Trends.Approval(((Number) row[0]).longValue(), instant(row[1]), instant(row[2]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }
}
