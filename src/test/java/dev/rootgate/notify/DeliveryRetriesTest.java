package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.Flows;
import dev.rootgate.support.Slack;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeliveryRetriesTest {

    @Test
    void anErrorThenRateLimitedThenOkIsDeliveredOnceAfterTheWaitAndTheThreadKeepsItsOrder() throws Exception {
        String marker = "retried-" + UUID.randomUUID();
        Slack.fail(500, null, marker, 1);
        Slack.fail(429, "2", marker, 1);
        TestUser requester = TestUser.engineer();
        long id = requester.api().body(Map.of("accountId", Flows.ANY_ACCOUNT, "taskPolicy", "IAMAuditRootUserCredentials",
                "justification", marker)).post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        TestUser approver = TestUser.approver();
        Flows.approve(approver, id);

        JsonNode parent = Slack.parentOf(id);
        List<String> replies = Slack.replies(parent, 2).stream().map(m -> m.path("text").asText()).toList();
        assertTrue(replies.get(0).startsWith(approver.subject() + " (" + approver.subject() + ") approved"), replies.toString());
        assertTrue(replies.get(1).startsWith("Approved."), replies.toString());

        List<JsonNode> posts = Slack.calls().stream().filter(c -> "chat.postMessage".equals(c.path("method").asText())
                && c.path("body").asText().contains(marker)).toList();
        assertEquals(List.of(500, 429, 200), posts.stream().map(c -> c.path("status").asInt()).toList());
        long waited = posts.get(2).path("at").asLong() - posts.get(1).path("at").asLong();
        assertTrue(waited >= 2000, "Retry-After: 2 was honoured, waited " + waited + " ms");
        assertEquals(1, Slack.messages().stream().filter(m -> m.path("threadTs").isNull()
                && m.path("text").asText().startsWith("Root access request #" + id + " ")).count(), "posted once");
    }
}
