package dev.rootgate.notify;

import java.sql.Timestamp;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Writes outbox rows in the caller's transaction and wakes the dispatcher once that transaction has committed. */
@ApplicationScoped
public class Outbox {

    private static final Object KICK_REGISTERED = new Object();

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    Dispatching dispatching;

    @Transactional(Transactional.TxType.MANDATORY)
    public void write(String sink, String kind, String threadKey, String payload) {
        insert(sink, kind, threadKey, payload, null);
    }

    /** Writes the row unless a row with this key was ever written; several replicas may try, one row results. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean writeOnce(String dedupeKey, String sink, String kind, String threadKey, String payload) {
        return insert(sink, kind, threadKey, payload, dedupeKey);
    }

    private boolean insert(String sink, String kind, String threadKey, String payload, String dedupeKey) {
        Timestamp now = Timestamp.from(clock.instant());
        int written = em.createNativeQuery("INSERT INTO outbox (sink, kind, thread_key, payload, next_attempt_at,"
                        + " created_at, dedupe_key) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT (dedupe_key) DO NOTHING")
                .setParameter(1, sink).setParameter(2, kind).setParameter(3, threadKey).setParameter(4, payload)
                .setParameter(5, now).setParameter(6, dedupeKey).executeUpdate();
        if (written > 0) {
            kickAfterCommit();
        }
        return written > 0;
    }

    /** Delivery starts right after the commit instead of at the next scheduled run; one kick per transaction. */
    private void kickAfterCommit() {
        if (transactions.getResource(KICK_REGISTERED) != null) {
            return;
        }
        transactions.putResource(KICK_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatching.kick();
                }
            }
        });
    }
}
