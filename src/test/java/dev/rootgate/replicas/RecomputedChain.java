package dev.rootgate.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.HashChain;
import dev.rootgate.support.TestUser;
import io.restassured.path.json.JsonPath;

/** The audit chain recomputed from the database by the test itself, from the genesis hash to the head. */
final class RecomputedChain {

    private RecomputedChain() {
    }

    /**
     * Waits until no committed event is left unsealed, recomputes every link, and has each replica verify the chain
     * with the checkpoints both of them signed; returns the number of events.
     */
    static long verify(Deployment deployment) throws InterruptedException {
        if (!Deployment.eventually(20, () -> deployment.count("SELECT count(*) FROM audit_event WHERE seq IS NULL") == 0)) {
            throw new AssertionError("audit events left unsealed");
        }
        long events = recompute(deployment.database);
        TestUser auditor = TestUser.auditor();
        for (Replica replica : deployment.replicas()) {
            JsonPath verdict = auditor.api().baseUri(replica.url().toString()).get("/api/v1/audit/verify")
                    .then().statusCode(200).extract().jsonPath();
            if (!verdict.getBoolean("valid") || verdict.getLong("lastSeq") < events) {
                throw new AssertionError(replica.name + " does not verify the chain: " + verdict.prettify());
            }
        }
        return events;
    }

    private static long recompute(DataSource database) {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT id, seq, occurred_at, actor, action, request_id,"
                        + " account_id, task_policy, source_ip, details, prev_hash, hash FROM audit_event ORDER BY seq");
                ResultSet rows = query.executeQuery()) {
            long expected = 1;
            String previous = HashChain.GENESIS;
            while (rows.next()) {
                AuditEvent event = new AuditEvent();
                event.id = rows.getLong(1);
                event.seq = rows.getLong(2);
                event.occurredAt = rows.getObject(3, OffsetDateTime.class).toInstant();
                event.actor = rows.getString(4);
                event.action = rows.getString(5);
                long requestId = rows.getLong(6);
                event.requestId = rows.wasNull() ? null : requestId;
                event.accountId = rows.getString(7);
                event.taskPolicy = rows.getString(8);
                event.sourceIp = rows.getString(9);
                event.details = rows.getString(10);
                event.prevHash = rows.getString(11);
                event.hash = rows.getString(12);
                if (event.seq != expected || !previous.equals(event.prevHash) || !HashChain.hash(previous, event).equals(event.hash)) {
                    throw new AssertionError("the chain breaks at sequence " + expected + " (event " + event.id + ")");
                }
                previous = event.hash;
                expected++;
            }
            try (PreparedStatement head = connection.prepareStatement("SELECT last_seq, last_hash FROM audit_chain_head");
                    ResultSet row = head.executeQuery()) {
                row.next();
                if (row.getLong(1) != expected - 1 || !previous.equals(row.getString(2))) {
                    throw new AssertionError("the chain head names " + row.getLong(1) + ", the chain ends at " + (expected - 1));
                }
            }
            return expected - 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
