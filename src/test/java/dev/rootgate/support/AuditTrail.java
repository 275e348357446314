package dev.rootgate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.ChainSealer;
import dev.rootgate.audit.HashChain;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Counts audit events of one request, optionally with a reason (for refusals); seals and verifies the chain. */
public final class AuditTrail {

    private AuditTrail() {
    }

    public static long count(long requestId, String action, String reason) {
        return QuarkusTransaction.requiringNew().call(() -> reason == null
                ? AuditEvent.count("requestId = ?1 and action = ?2", requestId, action)
                : AuditEvent.count("requestId = ?1 and action = ?2 and details like ?3", requestId, action,
                        "%\"reason\":\"" + reason + "\"%"));
    }

    /** Waits for the chain without sleeping: seals, on this thread, every event committed so far. */
    public static void sealEverything() {
        Arc.container().instance(ChainSealer.class).get().sealAll();
    }

    /**
     * Seals everything, then recomputes the whole chain from the table in one snapshot: no event left unsealed, seq
     * gapless from 1, every prev_hash the hash before it, every hash recomputed, the head the last link. Returns the
     * number of links.
     */
    public static long sealAndVerifyWholeChain() throws Exception {
        sealEverything();
        DataSource dataSource = Arc.container().instance(DataSource.class).get();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement query = db.createStatement()) {
                try (ResultSet unsealed = query.executeQuery("SELECT count(*) FROM audit_event WHERE seq IS NULL")) {
                    unsealed.next();
                    assertEquals(0, unsealed.getLong(1), "every committed event is sealed");
                }
                String previous = HashChain.GENESIS;
                long seq = 0;
                try (ResultSet rows = query.executeQuery("SELECT * FROM audit_event ORDER BY seq")) {
                    while (rows.next()) {
                        AuditEvent event = read(rows);
                        assertEquals(++seq, event.seq, "no gap in the sequence");
                        assertEquals(previous, event.prevHash, "link " + seq + " names the previous hash");
                        assertEquals(HashChain.hash(previous, event), event.hash, "link " + seq + " verifies");
                        previous = event.hash;
                    }
                }
                try (ResultSet head = query.executeQuery("SELECT last_seq, last_hash FROM audit_chain_head")) {
                    head.next();
                    assertEquals(seq, head.getLong(1), "the head is the last link");
                    assertEquals(previous, head.getString(2), "the head holds the last hash");
                }
                return seq;
            } finally {
                db.rollback();
            }
        }
    }

    private static AuditEvent read(ResultSet rows) throws Exception {
        AuditEvent event = new AuditEvent();
        event.id = rows.getLong("id");
        event.seq = rows.getLong("seq");
        event.occurredAt = rows.getObject("occurred_at", OffsetDateTime.class).toInstant();
        event.actor = rows.getString("actor");
        event.action = rows.getString("action");
        long requestId = rows.getLong("request_id");
        event.requestId = rows.wasNull() ? null : requestId;
        event.accountId = rows.getString("account_id");
        event.taskPolicy = rows.getString("task_policy");
        event.sourceIp = rows.getString("source_ip");
        event.details = rows.getString("details");
        event.prevHash = rows.getString("prev_hash");
        event.hash = rows.getString("hash");
        return event;
    }
}
