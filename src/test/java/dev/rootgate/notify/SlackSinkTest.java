package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.dev.SlackSimulator;
import dev.rootgate.identity.Actor;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.RequestStatus;

/** The Slack sink and its messages against the simulator over HTTP, without the application. */
class SlackSinkTest {

    private static final String TOKEN = "xoxb-test";
    private static final String LINK = "https://rootgate.example.com/requests/7";
    private static final String EVIL = "<!channel> <!here> <!subteam^S0123|@oncall> <@U999> @here @channel @everyone "
            + "<http://evil.example|Approve> &amp; *bold* _it_ `code` ~gone~ > quote";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackSimulator simulator;
    private SlackSink sink;

    @BeforeEach
    void start() {
        simulator = SlackSimulator.start(0, TOKEN);
        sink = new SlackSink("slack", URI.create(simulator.url() + "/api"), TOKEN);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static SlackMessages.Facts facts(String typed, String justification) {
        return new SlackMessages.Facts(7, typed, typed, "111122223333", typed, TaskPolicy.IAMCreateRootUserPassword,
                justification, typed, "2 from " + typed, Instant.parse("2026-11-29T10:00:00Z"), RequestStatus.PENDING,
                0, 2, LINK);
    }

    private Sink.Delivery deliver(String kind, String payload, Optional<String> threadStart) {
        return sink.deliver(new Sink.OutboxRow(1, kind, "request:7", payload, 0, threadStart));
    }

    private String parentPayload(SlackMessages.Facts facts, String channel) {
        return SlackMessages.parent(facts).put("channel", channel).toString();
    }

    @Test
    void aThreadIsAParentItsRepliesAndUpdatesOfTheParent() throws Exception {
        Sink.Delivered posted = (Sink.Delivered) deliver(SlackSink.PARENT, parentPayload(facts("Alice", "why"), "#root-x"),
                Optional.empty());
        JsonNode where = JSON.readTree(posted.result());
        assertTrue(where.path("channel").asText().startsWith("C") && !where.path("ts").asText().isEmpty(), posted.result());

        String reply = SlackMessages.reply("request.cancelled", new Actor("s", "Alice", "alice", null), Map.of(),
                facts("Alice", "why")).orElseThrow().toString();
        assertInstanceOf(Sink.Delivered.class, deliver(SlackSink.REPLY, reply, Optional.of(posted.result())));
        SlackMessages.Facts cancelled = new SlackMessages.Facts(7, "Alice", "alice", "111122223333", "prod",
                TaskPolicy.IAMCreateRootUserPassword, "why", null, "2 from leads", Instant.now(), RequestStatus.CANCELLED,
                1, 2, LINK);
        assertInstanceOf(Sink.Delivered.class, deliver(SlackSink.UPDATE, SlackMessages.parent(cancelled).toString(),
                Optional.of(posted.result())));

        List<JsonNode> messages = messages();
        assertEquals(2, messages.size());
        assertEquals("#root-x", messages.get(0).path("channel").asText());
        assertTrue(messages.get(0).path("text").asText().contains("Status: CANCELLED · approvals 1 of 2"));
        assertEquals(1, messages.get(0).path("updates").asInt());
        assertEquals(where.path("ts").asText(), messages.get(1).path("threadTs").asText());
        assertEquals("Cancelled by Alice (alice).", messages.get(1).path("text").asText());
    }

    @Test
    void nothingTypedCanPingLinkOrBreakTheBlocks() throws Exception {
        String longest = "<".repeat(2000);
        assertInstanceOf(Sink.Delivered.class, deliver(SlackSink.PARENT, parentPayload(facts(EVIL, EVIL), "#a"),
                Optional.empty()));
        assertInstanceOf(Sink.Delivered.class, deliver(SlackSink.PARENT, parentPayload(facts(longest, longest), "#a"),
                Optional.empty()));
        String denied = SlackMessages.reply("decision.recorded", new Actor("s", EVIL, EVIL, null),
                Map.of("verdict", "DENY", "comment", EVIL, "approvals", 0, "approvalsRequired", 2), facts(EVIL, EVIL))
                .orElseThrow().put("channel", "#a").toString();
        assertInstanceOf(Sink.Delivered.class, deliver(SlackSink.POST, denied, Optional.empty()));

        for (JsonNode message : messages()) {
            assertEquals("[]", message.path("pings").toString(), "nothing pings: " + message);
            List<String> links = new ArrayList<>();
            message.path("links").forEach(link -> links.add(link.asText()));
            assertTrue(links.isEmpty() || links.equals(List.of(LINK)), "only rootgate's link: " + links);
            assertTrue(!message.toString().contains("\"type\":\"mrkdwn\""), "typed text is never Markdown");
        }
        String shown = messages().get(0).toString();
        assertTrue(shown.contains("&lt;!channel&gt;") && shown.contains("&amp;amp;") && shown.contains("@\u2060here"), shown);
    }

    @Test
    void slacksTroubleIsRetriedAndOurMistakesAreKeptAsFailed() throws Exception {
        String payload = parentPayload(facts("Alice", "why"), "#root-x");
        control("POST", "/control/fault?status=429&retryAfter=2");
        assertEquals(new Sink.RetryLater(Optional.of(Duration.ofSeconds(2)), "ratelimited"),
                deliver(SlackSink.PARENT, payload, Optional.empty()));
        control("POST", "/control/fault?status=500");
        assertEquals(new Sink.RetryLater(Optional.empty(), "http_500"), deliver(SlackSink.PARENT, payload, Optional.empty()));
        assertEquals(new Sink.Failed("channel_not_found"),
                deliver(SlackSink.PARENT, parentPayload(facts("Alice", "why"), "no such channel!"), Optional.empty()));
        SlackSink wrongToken = new SlackSink("slack", URI.create(simulator.url() + "/api"), "xoxb-wrong");
        assertEquals(new Sink.Failed("invalid_auth"),
                wrongToken.deliver(new Sink.OutboxRow(1, SlackSink.PARENT, null, payload, 0, Optional.empty())));
        assertEquals(0, messages().size());
        assertInstanceOf(Sink.Delivered.class, deliver(SlackSink.PARENT, payload, Optional.empty()));
    }

    private List<JsonNode> messages() throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        JSON.readTree(control("GET", "/control/messages")).forEach(messages::add);
        return messages;
    }

    private String control(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
