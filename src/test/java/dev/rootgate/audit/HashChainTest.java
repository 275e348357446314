package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The chain's formula, checked against an independent computation so that the code cannot vouch for itself. */
class HashChainTest {

    private static AuditEvent event() {
        AuditEvent event = new AuditEvent();
        event.seq = 7L;
        event.occurredAt = Instant.parse("2026-11-28T12:00:00.123456Z");
        event.actor = "alice";
        event.action = "request.created";
        event.requestId = 42L;
        event.accountId = "111122223333";
        event.taskPolicy = "IAMAuditRootUserCredentials";
        event.sourceIp = "10.0.0.1";
        event.details = HashChain.canonicalDetails(Map.of("rule", "one-approval", "approvals", 1));
        return event;
    }

    @Test
    void hashIsSha256OfThePreviousHashFollowedByTheCanonicalEvent() throws Exception {
        String previous = "ab".repeat(32);
        String canonical = "{\"accountId\":\"111122223333\",\"action\":\"request.created\",\"actor\":\"alice\","
                + "\"details\":\"{\\\"approvals\\\":1,\\\"rule\\\":\\\"one-approval\\\"}\","
                + "\"occurredAt\":\"2026-11-28T12:00:00.123456Z\",\"requestId\":42,\"seq\":7,"
                + "\"sourceIp\":\"10.0.0.1\",\"taskPolicy\":\"IAMAuditRootUserCredentials\"}";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((previous + canonical).getBytes(StandardCharsets.UTF_8)));

        assertEquals(canonical, HashChain.canonicalForm(event()));
        assertEquals(expected, HashChain.hash(previous, event()));
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        String base = HashChain.hash(HashChain.GENESIS, event());
        assertNotEquals(base, HashChain.hash("1".repeat(64), event()), "previous hash");
        AuditEvent altered = event();
        altered.details = HashChain.canonicalDetails(Map.of("rule", "one-approval", "approvals", 2));
        assertNotEquals(base, HashChain.hash(HashChain.GENESIS, altered), "details");
        altered = event();
        altered.actor = "mallory";
        assertNotEquals(base, HashChain.hash(HashChain.GENESIS, altered), "actor");
        altered = event();
        altered.occurredAt = altered.occurredAt.plusNanos(1000);
        assertNotEquals(base, HashChain.hash(HashChain.GENESIS, altered), "time");
    }

    /**
     * The chain's canonical form was Jackson's output for a sorted map of the fields; it is written by hand now, and
     * must stay byte for byte what Jackson writes, for every character a field can hold (else old chains break).
     */
    @Test
    void theCanonicalFormIsWhatJacksonWritesForTheSortedFieldsWhateverTheyHold() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            every.append(c);
        }
        String[] awkward = { every.toString(), "🔑 שלום café \"quoted\" back\\slash \u2028\u2029\uFEFF\u007F",
                "lone \uD83D surrogate", "\uDC00 low first", "", "null" };
        ObjectMapper jackson = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        for (String text : awkward) {
            AuditEvent event = event();
            event.actor = text;
            event.details = text;
            event.accountId = null;
            event.requestId = null;
            Map<String, Object> fields = new TreeMap<>();
            fields.put("seq", event.seq);
            fields.put("occurredAt", event.occurredAt.toString());
            fields.put("actor", event.actor);
            fields.put("action", event.action);
            fields.put("requestId", event.requestId);
            fields.put("accountId", event.accountId);
            fields.put("taskPolicy", event.taskPolicy);
            fields.put("sourceIp", event.sourceIp);
            fields.put("details", event.details);
            String expected = jackson.writeValueAsString(fields);
            assertEquals(expected, HashChain.canonicalForm(event));
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((HashChain.GENESIS + expected).getBytes(StandardCharsets.UTF_8))),
                    HashChain.hash(HashChain.GENESIS, event));
        }
    }

    @Test
    void eventTimesAreWrittenExactlyAsInstantWritesThem() {
        Random random = new Random(7);
        long[] seconds = { 0, -1, 1, 253_402_300_799L, 253_402_300_800L, -62_167_219_200L, -62_167_219_201L,
                1_795_000_000L, 951_782_400L };
        int[] nanos = { 0, 1, 999_999_999, 123_000_000, 120_000_000, 100_000_000, 123_456_000, 123_450_000, 123_456_789, 1000 };
        for (long second : seconds) {
            for (int nano : nanos) {
                Instant instant = Instant.ofEpochSecond(second, nano);
                assertEquals(instant.toString(), IsoInstant.format(instant));
            }
        }
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 400_000_000_000L),
                    random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : random.nextInt(1_000_000) * 1000);
            assertEquals(instant.toString(), IsoInstant.format(instant));
        }
    }
}
