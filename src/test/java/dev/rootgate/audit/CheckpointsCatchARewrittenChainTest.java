package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rootgate.support.DatabaseRoles;
import dev.rootgate.support.AuditChain;
import dev.rootgate.support.Flows;
import dev.rootgate.support.OfflineVerifier;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 7, part 5: whoever can write the table (the database superuser, triggers off) can rewrite the chain from some
 * row on and recompute every later hash, and the chain alone then verifies. A checkpoint signed before the rewrite,
 * with a key the database never held, does not match it: the API and the offline verifier both say so and name it.
 * The chain is restored afterwards, since every test shares it.
 */
@QuarkusTest
class CheckpointsCatchARewrittenChainTest {

    @Inject
    DataSource dataSource;
    @Inject
    CheckpointKey key;

    private final TestUser auditor = TestUser.auditor();

    @Test
    void aChainRewrittenConsistentlyFromARowVerifiesAloneButFailsAgainstTheEarlierCheckpoint(@TempDir Path dir)
            throws Exception {
        Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        Response before = export();
        String checkpoint = before.header("Rootgate-Checkpoint");
        assertNotNull(checkpoint, "an export signs a checkpoint and hands it over");
        long seq = JsonPath.from(checkpoint).getLong("seq");
        Path honest = Files.writeString(dir.resolve("honest.jsonl"), before.asString());
        String publicKey = auditor.api().get("/api/v1/audit/public-key").then().statusCode(200).extract().jsonPath()
                .getString("publicKey");
        OfflineVerifier.Outcome offline = OfflineVerifier.command(honest.toString(), "--checkpoint", checkpoint,
                "--public-key", publicKey);
        assertEquals(0, offline.exitCode(), offline.err());
        assertTrue(offline.out().contains("matches 1 signed checkpoint, the last at seq " + seq), offline.out());
        assertTrue(verify().getBoolean("valid"), "the chain and every checkpoint agree before the rewrite");

        String original = AuditChain.rechainFrom(DatabaseRoles.superuser(), seq, details -> "{\"forged\":true," + details.substring(1));
        try {
            JsonPath answer = verify();
            assertFalse(answer.getBoolean("valid"));
            assertEquals("checkpoint_mismatch", answer.getString("reason"));
            assertNull(answer.get("firstBrokenSeq"), "every link and every hash of the chain alone is right");
            assertTrue(answer.getLong("lastSeq") > seq, "the whole rewritten chain was walked");
            assertEquals(seq, answer.getLong("checkpoints.failedSeq"), "the checkpoint that no longer matches");
            assertEquals("hash_mismatch", answer.getString("checkpoints.failure"));

            Response after = export();
            assertNull(after.header("Rootgate-Checkpoint"), "a rewritten chain is never signed over");
            Path forged = Files.writeString(dir.resolve("forged.jsonl"), after.asString());
            OfflineVerifier.Outcome alone = OfflineVerifier.command(forged.toString());
            assertEquals(0, alone.exitCode(), "the rewritten export verifies alone: " + alone.err());
            OfflineVerifier.Outcome checked = OfflineVerifier.command(forged.toString(), "--checkpoint", checkpoint,
                    "--public-key", publicKey);
            assertEquals(1, checked.exitCode(), checked.out());
            assertTrue(checked.err().contains(": line " + seq + ": checkpoint mismatch: seq " + seq + " has hash "),
                    checked.err());
        } finally {
            AuditChain.rechainFrom(DatabaseRoles.superuser(), seq, forgedDetails -> original);
        }
        assertTrue(verify().getBoolean("valid"), "restored");
    }

    @Test
    void aCheckpointNotSignedByRootgatesKeyIsRefusedOffline(@TempDir Path dir) throws Exception {
        Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        Response export = export();
        String checkpoint = export.header("Rootgate-Checkpoint");
        Path file = Files.writeString(dir.resolve("export.jsonl"), export.asString());
        String publicKey = auditor.api().get("/api/v1/audit/public-key").jsonPath().getString("publicKey");
        String otherHash = checkpoint.replaceFirst("\"hash\":\"[0-9a-f]", "\"hash\":\"" + (checkpoint.contains("\"hash\":\"0") ? "1" : "0"));
        OfflineVerifier.Outcome outcome = OfflineVerifier.command(file.toString(), "--checkpoint", otherHash,
                "--public-key", publicKey);
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().contains("the signature does not verify with the given public key"), outcome.err());
        Path pem = Files.writeString(dir.resolve("rootgate.pem"), auditor.api().get("/api/v1/audit/public-key")
                .jsonPath().getString("pem"));
        Path logLine = Files.writeString(dir.resolve("checkpoint.log"), "2026-11-29 07:00:00,000 INFO  [dev.rootgate."
                + "audit.Checkpoints] audit checkpoint " + checkpoint + "\n");
        OfflineVerifier.Outcome fromFiles = OfflineVerifier.command(file.toString(), "--checkpoint", logLine.toString(),
                "--public-key", pem.toString());
        assertEquals(0, fromFiles.exitCode(), "a log line and a PEM file are taken as they are: " + fromFiles.err());
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        OfflineVerifier.Outcome elsewhere = OfflineVerifier.command(empty.toString(), "--checkpoint", checkpoint,
                "--public-key", publicKey);
        assertEquals(1, elsewhere.exitCode(), "an export that does not hold the checkpointed event proves nothing");
        assertTrue(elsewhere.err().contains("is not in this export"), elsewhere.err());
    }

    @Test
    void everySignedCheckpointIsLoggedAsOneLine() throws Exception {
        Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        String checkpoint = export().header("Rootgate-Checkpoint");
        String log = Files.readString(Path.of("target", "quarkus-test.log"));
        assertTrue(log.contains("audit checkpoint " + checkpoint), "the log keeps a copy the database cannot change");
    }

    @Test
    void aCheckpointBeyondTheChainsEndMeansItsNewestEventsWereRemoved() throws Exception {
        Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        long beyond = Long.parseLong(AuditChain.text(dataSource, "SELECT max(seq) FROM audit_event")) + 1_000_000;
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String hash = "a".repeat(64);
        storedWhile(new Checkpoint(beyond, hash, signedAt, key.sign(Checkpoint.signedText(beyond, hash, signedAt)
                .getBytes(StandardCharsets.UTF_8))), () -> {
                    JsonPath answer = verify();
                    assertFalse(answer.getBoolean("valid"));
                    assertEquals("checkpoint_mismatch", answer.getString("reason"));
                    assertEquals(beyond, answer.getLong("checkpoints.failedSeq"));
                    assertEquals("beyond_chain", answer.getString("checkpoints.failure"));
                });
        assertTrue(verify().getBoolean("valid"));
    }

    @Test
    void aStoredCheckpointNotSignedWithRootgatesKeyFailsVerification() throws Exception {
        long request = Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        long seq = AuditChain.firstSeqOf(dataSource, request);
        String hash = AuditChain.text(dataSource, "SELECT hash FROM audit_event WHERE seq = " + seq);
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String otherText = Checkpoint.signedText(seq, hash, signedAt.plusSeconds(1));
        storedWhile(new Checkpoint(seq, hash, signedAt, key.sign(otherText.getBytes(StandardCharsets.UTF_8))), () -> {
            JsonPath answer = verify();
            assertFalse(answer.getBoolean("valid"));
            assertEquals(seq, answer.getLong("checkpoints.failedSeq"));
            assertEquals("bad_signature", answer.getString("checkpoints.failure"));
        });
        assertTrue(verify().getBoolean("valid"));
    }

    /** Stores a checkpoint as the database superuser could, runs the checks, and removes it again. */
    private void storedWhile(Checkpoint checkpoint, Runnable checks) throws Exception {
        try (Connection connection = DatabaseRoles.superuser().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_checkpoint VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.seq());
            insert.setString(2, checkpoint.hash());
            insert.setObject(3, OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC));
            insert.setString(4, checkpoint.signature());
            insert.executeUpdate();
            try {
                checks.run();
            } finally {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER");
                    statement.execute("DELETE FROM audit_checkpoint WHERE seq = " + checkpoint.seq());
                    statement.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER USER");
                    connection.commit();
                }
            }
        }
    }

    private Response export() {
        Response answer = auditor.api().accept("*/*").get("/api/v1/audit/export?format=jsonl");
        answer.then().statusCode(200);
        return answer;
    }

    private JsonPath verify() {
        return auditor.api().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }
}
