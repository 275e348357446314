package dev.rootgate.audit;

import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
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

import dev.rootgate.support.DatabaseRoles;
import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Invariant 8 (database side): audit events and decisions refuse DELETE and TRUNCATE; an event's content never
 * changes, before or after sealing; its link (seq, prev_hash, hash) is set once, and only so that it links to the
 * event before it. Unsealed events are found by holding the chain head, which keeps the sealer waiting.
 */
@QuarkusTest
class AppendOnlyAuditTest {

    @Inject
    DataSource dataSource;

    @Test
    void databaseRefusesToRewriteHistory() throws Exception {
        long id = Flows.approvedAuditRequest(TestUser.engineer());
        AuditTrail.sealEverything();
        // As the schema owner, whom no grant stops: the triggers refuse it (rootgate's role is refused before them).
        try (Connection connection = DatabaseRoles.owner().getConnection(); Statement statement = connection.createStatement()) {
            for (String rewrite : new String[] {
                    "UPDATE audit_event SET actor = 'mallory' WHERE request_id = " + id,
                    "UPDATE audit_event SET hash = repeat('a', 64) WHERE request_id = " + id,
                    "UPDATE audit_event SET seq = NULL, prev_hash = NULL, hash = NULL WHERE request_id = " + id,
                    "DELETE FROM audit_event WHERE request_id = " + id,
                    "TRUNCATE audit_event",
                    "INSERT INTO audit_event (occurred_at, actor, action, details, seq, prev_hash, hash) VALUES (now(),"
                            + " 'mallory', 'forged', '{}', 1000000, repeat('b', 64), repeat('c', 64))",
                    "UPDATE decision SET verdict = 'DENY' WHERE request_id = " + id,
                    "DELETE FROM decision WHERE request_id = " + id }) {
                assertRefused(statement, rewrite);
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM decision WHERE request_id = " + id)) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        AuditTrail.sealAndVerifyWholeChain();
    }

    @Test
    void unsealedEventsCannotBeRewrittenDeletedOrLinkedOutOfTurn() throws Exception {
        TestUser requester = TestUser.engineer();
        try (Connection head = dataSource.getConnection(); Statement holder = head.createStatement();
                Connection attacker = DatabaseRoles.owner().getConnection(); Statement statement = attacker.createStatement()) {
            head.setAutoCommit(false);
            long lastSeq;
            String lastHash;
            try (ResultSet rs = holder.executeQuery("SELECT last_seq, last_hash FROM audit_chain_head FOR UPDATE")) {
                rs.next();
                lastSeq = rs.getLong(1);
                lastHash = rs.getString(2);
            }
            try {
                long id = Flows.request(requester, Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
                String unsealed = "request_id = " + id + " AND seq IS NULL";
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM audit_event WHERE " + unsealed)) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the event is written, unsealed, while the head is held");
                }
                String previousOfLast = lastSeq == 0 ? null : single(statement,
                        "SELECT prev_hash FROM audit_event WHERE seq = " + lastSeq);
                for (String rewrite : new String[] {
                        "UPDATE audit_event SET details = '{\"justification\":\"nothing to see\"}' WHERE " + unsealed,
                        "UPDATE audit_event SET occurred_at = occurred_at - interval '1 day' WHERE " + unsealed,
                        "DELETE FROM audit_event WHERE " + unsealed,
                        // a link that skips a number: refused when the statement commits
                        "UPDATE audit_event SET seq = " + (lastSeq + 2) + ", prev_hash = '" + lastHash
                                + "', hash = repeat('d', 64) WHERE " + unsealed }) {
                    assertRefused(statement, rewrite);
                }
                if (previousOfLast != null) {
                    // a second successor of the same event: the chain would fork
                    SQLException fork = assertThrows(SQLException.class, () -> statement.executeUpdate(
                            "UPDATE audit_event SET seq = " + (lastSeq + 1) + ", prev_hash = '" + previousOfLast
                                    + "', hash = repeat('e', 64) WHERE " + unsealed));
                    assertTrue(fork.getMessage().contains("audit_event_prev_hash_idx"), fork.getMessage());
                    // a number already taken
                    SQLException twice = assertThrows(SQLException.class, () -> statement.executeUpdate(
                            "UPDATE audit_event SET seq = " + lastSeq + ", prev_hash = '" + lastHash
                                    + "', hash = repeat('e', 64) WHERE " + unsealed));
                    assertTrue(twice.getMessage().contains("audit_event_seq_idx"), twice.getMessage());
                }
                // the timeline shows the event before it is sealed
                requester.api().get("/api/v1/requests/" + id).then().statusCode(200)
                        .body("timeline.action", hasItems("request.created"))
                        .body("timeline[0].seq", nullValue());
            } finally {
                head.rollback();
            }
        }
        AuditTrail.sealAndVerifyWholeChain();
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
        assertTrue(AuditTrail.sealAndVerifyWholeChain() >= 3, "created, decision recorded, approved");
    }

    private static void assertRefused(Statement statement, String rewrite) {
        SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(rewrite), rewrite);
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
