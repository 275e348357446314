package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Invariant 8 (database side): audit events and decisions refuse UPDATE, DELETE and TRUNCATE; the chain links. */
@QuarkusTest
class AppendOnlyAuditTest {

    @Inject
    DataSource dataSource;

    @Test
    void databaseRefusesToRewriteHistory() throws Exception {
        long id = Flows.approvedAuditRequest(TestUser.engineer());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String rewrite : new String[] {
                    "UPDATE audit_event SET actor = 'mallory' WHERE request_id = " + id,
                    "DELETE FROM audit_event WHERE request_id = " + id,
                    "TRUNCATE audit_event",
                    "UPDATE decision SET verdict = 'DENY' WHERE request_id = " + id,
                    "DELETE FROM decision WHERE request_id = " + id }) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(rewrite), rewrite);
                assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM decision WHERE request_id = " + id)) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void selfApprovalIsRefusedByTheDatabaseToo() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "INSERT INTO decision (request_id, approver_subject, approver_name, verdict, decided_at, source_ip,"
                            + " mfa_methods, mfa_auth_time) VALUES (" + id + ", '" + requester.subject()
                            + "', 'x', 'APPROVE', now(), '127.0.0.1', 'otp', now())"));
            assertTrue(refused.getMessage().contains("self-approval"), refused.getMessage());
        }
    }

    @Test
    void everyEventLinksToThePreviousOne() throws Exception {
        Flows.approvedAuditRequest(TestUser.engineer());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM audit_event ORDER BY seq")) {
            String previous = HashChain.GENESIS;
            long expectedSeq = 1;
            while (rs.next()) {
                AuditEvent event = new AuditEvent();
                event.seq = rs.getLong("seq");
                event.occurredAt = rs.getTimestamp("occurred_at").toInstant();
                event.actor = rs.getString("actor");
                event.action = rs.getString("action");
                event.requestId = rs.getObject("request_id") == null ? null : rs.getLong("request_id");
                event.accountId = rs.getString("account_id");
                event.taskPolicy = rs.getString("task_policy");
                event.sourceIp = rs.getString("source_ip");
                event.details = rs.getString("details");
                assertEquals(expectedSeq++, event.seq, "sequence numbers have no gaps");
                assertEquals(previous, rs.getString("prev_hash"));
                assertEquals(rs.getString("hash"), HashChain.hash(previous, event), "event " + event.seq);
                previous = rs.getString("hash");
            }
            assertTrue(expectedSeq > 3);
        }
    }
}
