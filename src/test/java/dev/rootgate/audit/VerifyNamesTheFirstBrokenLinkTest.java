package dev.rootgate.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.DatabaseRoles;
import dev.rootgate.support.AuditChain;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Invariant 8 (API side): GET /api/v1/audit/verify recomputes the chain from seq 1, and a row changed behind
 * rootgate's back (as the database superuser, triggers off) is named by its sequence number and the kind of break.
 * Each test repairs what it broke, since every test shares one chain.
 */
@QuarkusTest
class VerifyNamesTheFirstBrokenLinkTest {

    @Inject
    DataSource dataSource;

    private final TestUser auditor = TestUser.auditor();

    @Test
    void anIntactChainVerifiesUpToItsLastSealedEvent() throws Exception {
        long request = Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        JsonPath answer = verify();
        assertTrue(answer.getBoolean("valid"));
        long lastSeq = answer.getLong("lastSeq");
        assertEquals(lastSeq, answer.getLong("events"), "every event from seq 1 was recomputed");
        assertTrue(lastSeq >= AuditChain.firstSeqOf(dataSource, request) + 1);
        assertEquals(AuditChain.text(dataSource, "SELECT hash FROM audit_event WHERE seq = " + lastSeq),
                answer.getString("lastHash"));
        assertNotNull(OffsetDateTime.parse(answer.getString("verifiedAt")));
        assertFalse(answer.getMap("").containsKey("firstBrokenSeq"));
        assertFalse(answer.getMap("").containsKey("reason"));
    }

    @Test
    void aRowWhoseContentsChangedIsAHashMismatchAtItsSeq() throws Exception {
        long seq = intactChainWithNewEvents();
        try (Connection connection = DatabaseRoles.superuser().getConnection()) {
            String details = detailsOf(connection, seq);
            AuditChain.behindTheBack(connection,
                    "UPDATE audit_event SET details = replace(details, 'rotate', 'r0tate') WHERE seq = " + seq);
            try {
                assertBroken(seq, "hash_mismatch");
            } finally {
                restoreDetails(connection, seq, details);
            }
        }
        assertTrue(verify().getBoolean("valid"));
    }

    @Test
    void aDeletedRowIsAGapAtItsSeq() throws Exception {
        long seq = intactChainWithNewEvents();
        try (Connection connection = DatabaseRoles.superuser().getConnection()) {
            AuditChain.behindTheBack(connection, "CREATE TEMP TABLE deleted_event AS SELECT * FROM audit_event WHERE seq = " + seq,
                    "DELETE FROM audit_event WHERE seq = " + seq);
            try {
                assertBroken(seq, "gap");
            } finally {
                AuditChain.behindTheBack(connection, "INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM deleted_event",
                        "DROP TABLE deleted_event");
            }
        }
        assertTrue(verify().getBoolean("valid"));
    }

    @Test
    void aRowRewrittenWithItsHashRecomputedBreaksTheNextLink() throws Exception {
        long seq = intactChainWithNewEvents();
        try (Connection connection = DatabaseRoles.superuser().getConnection()) {
            AuditEvent original = event(connection, seq);
            AuditEvent forged = event(connection, seq);
            forged.details = original.details.replace("rotate", "r0tate");
            forged.hash = HashChain.hash(forged.prevHash, forged);
            AuditChain.behindTheBack(connection, "UPDATE audit_event SET details = '" + forged.details.replace("'", "''")
                    + "', hash = '" + forged.hash + "' WHERE seq = " + seq);
            try {
                assertBroken(seq + 1, "prev_hash_mismatch");
            } finally {
                AuditChain.behindTheBack(connection, "UPDATE audit_event SET details = '"
                        + original.details.replace("'", "''") + "', hash = '" + original.hash + "' WHERE seq = " + seq);
            }
        }
        assertTrue(verify().getBoolean("valid"));
    }

    @Test
    void aRowLinkedToAnotherPreviousHashIsAPrevHashMismatchAtItsSeq() throws Exception {
        long seq = intactChainWithNewEvents();
        try (Connection connection = DatabaseRoles.superuser().getConnection()) {
            AuditEvent original = event(connection, seq);
            AuditEvent relinked = event(connection, seq);
            relinked.prevHash = "1".repeat(64);
            relinked.hash = HashChain.hash(relinked.prevHash, relinked);
            AuditChain.behindTheBack(connection, "UPDATE audit_event SET prev_hash = '" + relinked.prevHash
                    + "', hash = '" + relinked.hash + "' WHERE seq = " + seq);
            try {
                assertBroken(seq, "prev_hash_mismatch");
            } finally {
                AuditChain.behindTheBack(connection, "UPDATE audit_event SET prev_hash = '" + original.prevHash
                        + "', hash = '" + original.hash + "' WHERE seq = " + seq);
            }
        }
        assertTrue(verify().getBoolean("valid"));
    }

    @Test
    void onlyAuditorsAndAdminsVerifyAndEveryoneElsesRefusalIsAudited() {
        TestUser.in("admins").api().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        for (TestUser other : new TestUser[] { TestUser.engineer(), TestUser.approver() }) {
            other.api().get("/api/v1/audit/verify").then().statusCode(403)
                    .body("error", equalTo("not_auditor")).body("message", containsString("auditors and admins"));
            assertEquals(1L, AuditEvent.count("actor = ?1 and action = 'refused' and details like ?2", other.subject(),
                    "%\"attempt\":\"audit.verify\"%"));
        }
    }

    /** A chain that verifies now, with a fresh request's events in it; answers the seq of its first one. */
    private long intactChainWithNewEvents() throws Exception {
        long request = Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        assertTrue(verify().getBoolean("valid"), "the chain verifies before the test breaks it");
        return AuditChain.firstSeqOf(dataSource, request);
    }

    private void assertBroken(long seq, String reason) throws Exception {
        JsonPath answer = verify();
        assertFalse(answer.getBoolean("valid"));
        assertEquals(seq, answer.getLong("firstBrokenSeq"));
        assertEquals(reason, answer.getString("reason"));
        assertEquals(seq - 1, answer.getLong("lastSeq"), "intact up to the event before the break");
        assertEquals(seq - 1, answer.getLong("events"));
        String audited = AuditChain.text(dataSource, "SELECT details FROM audit_event WHERE action = 'audit.verified'"
                + " AND actor = '" + auditor.subject() + "' ORDER BY occurred_at DESC LIMIT 1");
        assertTrue(audited.contains("\"valid\":false") && audited.contains("\"reason\":\"" + reason + "\"")
                && audited.contains("\"firstBrokenSeq\":" + seq), audited);
    }

    private JsonPath verify() {
        return auditor.api().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private static String detailsOf(Connection connection, long seq) throws Exception {
        return event(connection, seq).details;
    }

    private static void restoreDetails(Connection connection, long seq, String details) throws Exception {
        AuditChain.behindTheBack(connection, "UPDATE audit_event SET details = '" + details.replace("'", "''")
                + "' WHERE seq = " + seq);
    }

    private static AuditEvent event(Connection connection, long seq) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM audit_event WHERE seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return AuditChain.eventOf(row);
            }
        }
    }
}
