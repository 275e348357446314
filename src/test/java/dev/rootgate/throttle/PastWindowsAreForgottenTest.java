package dev.rootgate.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Counts of past windows are dropped; the current window's count, which still decides, is kept. */
@QuarkusTest
class PastWindowsAreForgottenTest {

    @Inject
    RateLimits limits;
    @Inject
    EntityManager em;

    @Test
    void onlyTheCurrentWindowIsKept() {
        String subject = "throttle-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "INSERT INTO rate_limit (subject, window_start, writes) VALUES (?1, ?2, 7)")
                .setParameter(1, subject).setParameter(2, limits.windowStart().minusSeconds(3600)).executeUpdate());
        limits.writeAttempt(subject);

        limits.forgetPastWindows();

        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM rate_limit WHERE subject = ?1").setParameter(1, subject).getSingleResult()).longValue()));
    }
}
