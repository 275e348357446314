package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
