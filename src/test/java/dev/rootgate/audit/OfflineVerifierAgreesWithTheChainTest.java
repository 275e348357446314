package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.support.AuditChain;
import dev.rootgate.support.Flows;
import dev.rootgate.support.OfflineVerifier;
import dev.rootgate.support.OfflineVerifier.Outcome;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A JSON Lines export verifies alone with {@code java tools/VerifyAuditExport.java}, which shares no code with
 * rootgate; a one-byte edit anywhere makes it fail and name the edited line.
 */
@QuarkusTest
class OfflineVerifierAgreesWithTheChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Quotes, backslashes, line breaks, tabs, accents, a right-to-left script, an emoji and CSV's specials. */
    private static final String AWKWARD = "=rotate \"now\" \\ path\\to\ttab\r\nnext line, café, שלום, 🔑 @+-";

    @Inject
    DataSource dataSource;

    private final TestUser auditor = TestUser.auditor();

    @Test
    void anExportOfTheWholeChainVerifiesWithTheDocumentedCommand() throws Exception {
        awkwardRequest();
        Path file = export("format=jsonl");
        String lastHash = lastHash(file);

        Outcome verified = OfflineVerifier.command(file.toString(), "--last-hash", lastHash);
        assertEquals(0, verified.exitCode(), verified.err());
        assertTrue(verified.out().startsWith("OK: ") && verified.out().contains("one unbroken chain")
                && verified.out().contains(lastHash), verified.out());

        Outcome otherCheckpoint = OfflineVerifier.command(file.toString(), "--last-hash", "ab".repeat(32));
        assertEquals(1, otherCheckpoint.exitCode());
        assertTrue(otherCheckpoint.err().contains("line " + lines(file).size() + ": last hash"), otherCheckpoint.err());
    }

    @Test
    void aOneByteEditAnywhereFailsAndNamesItsLine() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        awkwardRequest();
        Path file = export("format=jsonl&from=" + start);
        byte[] original = Files.readAllBytes(file);
        assertEquals(0, OfflineVerifier.inProcess(file.toString()).exitCode());
        int line = 1;
        for (int at = 0; at < original.length; at++) {
            byte[] edited = original.clone();
            edited[at] ^= 0x01;
            Files.write(file, edited);
            Outcome outcome = OfflineVerifier.inProcess(file.toString());
            assertEquals(1, outcome.exitCode(), "byte " + at + " edited, yet it verifies");
            assertTrue(outcome.err().contains(": line " + line + ": "), "byte " + at + ": " + outcome.err());
            line += original[at] == '\n' ? 1 : 0;
        }
        byte[] edited = original.clone();
        int middle = original.length / 2;
        edited[middle] = (byte) (edited[middle] == 'x' ? 'y' : 'x');
        Files.write(file, edited);
        Outcome command = OfflineVerifier.command(file.toString());
        assertEquals(1, command.exitCode());
        assertTrue(command.err().contains(": line " + lineOf(original, middle) + ": "), command.err());
    }

    @Test
    void anExportWhileEventsAreWrittenIsAVerifiablePrefixOfTheChain() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(writers.submit(() -> {
                while (!stop.get()) {
                    Flows.request(TestUser.engineer(), Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
                    written.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            while (written.get() < 3) {
                Thread.sleep(20);
            }
            for (int i = 0; i < 3; i++) {
                Path file = export("format=jsonl");
                Outcome outcome = OfflineVerifier.inProcess(file.toString());
                assertEquals(0, outcome.exitCode(), outcome.err());
                assertEquals(1, JSON.readTree(lines(file).get(0)).get("seq").asLong(), "a prefix starts at seq 1");
            }
        } finally {
            stop.set(true);
            writers.shutdown();
        }
        for (Future<?> writer : running) {
            writer.get(1, TimeUnit.MINUTES);
        }
        assertTrue(written.get() > 3, "events were written while the exports ran");
    }

    @Test
    void aFilteredExportVerifiesWithTheFilteredOption() throws Exception {
        long request = awkwardRequest();
        Path file = export("format=jsonl&request=" + request);
        assertEquals(3, lines(file).size());
        Outcome outcome = OfflineVerifier.command(file.toString(), "--filtered");
        assertEquals(0, outcome.exitCode(), outcome.err());
    }

    @Test
    void theVerifiersCanonicalFormIsRootgatesForEveryCharacter() throws Exception {
        List<String> lines = new ArrayList<>();
        String previous = HashChain.GENESIS;
        long seq = 1;
        for (int block = 0; block < 0x10000; block += 0x400) {
            StringBuilder text = new StringBuilder();
            for (int c = block; c < block + 0x400; c++) {
                if (!Character.isSurrogate((char) c)) {
                    text.append((char) c);
                }
            }
            text.append("🔑𝄞");
            AuditEvent event = new AuditEvent();
            event.seq = seq++;
            event.occurredAt = Instant.parse("2026-11-29T06:00:00.000100Z").plusSeconds(seq);
            event.actor = text.substring(0, Math.min(40, text.length()));
            event.action = "test.every_character";
            event.requestId = seq % 2 == 0 ? null : seq;
            event.accountId = seq % 3 == 0 ? null : "111122223333";
            event.details = HashChain.canonicalDetails(Map.of("text", text.toString(), "n", seq));
            event.prevHash = previous;
            event.hash = HashChain.hash(previous, event);
            previous = event.hash;
            lines.add(HashChain.exportLine(event));
        }
        Path file = Files.createTempFile("every-character", ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Outcome outcome = OfflineVerifier.inProcess(file.toString(), "--last-hash", previous);
        assertEquals(0, outcome.exitCode(), outcome.err());
    }

    private long awkwardRequest() throws Exception {
        TestUser requester = TestUser.engineer();
        long request = requester.api().body(Map.of("accountId", Flows.ANY_ACCOUNT, "taskPolicy",
                "IAMAuditRootUserCredentials", "justification", AWKWARD)).post("/api/v1/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Flows.approve(TestUser.approver(), request);
        AuditChain.awaitSealed(dataSource);
        return request;
    }

    private Path export(String query) throws Exception {
        byte[] body = auditor.api().accept("*/*").get("/api/v1/audit/export?" + query).then().statusCode(200)
                .extract().asByteArray();
        Path file = Files.createTempFile("rootgate-audit", ".jsonl");
        Files.write(file, body);
        return file;
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static String lastHash(Path file) throws Exception {
        List<String> lines = lines(file);
        return JSON.readTree(lines.get(lines.size() - 1)).get("hash").asText();
    }

    private static int lineOf(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }
}
