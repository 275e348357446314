package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Slack simulator answers as the Web API does, so that what passes against it is what Slack would take. */
class SlackSimulatorTest {

    private static final String TOKEN = "xoxb-simulated";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private SlackSimulator simulator;

    @BeforeEach
    void start() {
        simulator = SlackSimulator.start(0, TOKEN);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> call(String method, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.url() + "/api/" + method))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode form(String method, String token, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return json.readTree(call(method, token, "application/x-www-form-urlencoded", body.toString()).body());
    }

    private JsonNode control(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aWrongOrMissingTokenIsRefusedAsSlackRefusesIt() throws Exception {
        assertEquals("not_authed", form("chat.postMessage", null, "channel", "#a", "text", "hi").path("error").asText());
        assertEquals("invalid_auth", form("chat.postMessage", "xoxb-other", "channel", "#a", "text", "hi").path("error").asText());
        assertEquals(0, control("GET", "/control/messages").size());
    }

    @Test
    void postsRepliesAndUpdatesTakeFormOrJsonAndAnswerTsAndThreadTs() throws Exception {
        JsonNode posted = form("chat.postMessage", TOKEN, "channel", "#root-approvals", "text", "parent",
                "blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"plain_text\",\"text\":\"parent\"}}]");
        assertTrue(posted.path("ok").asBoolean(), posted.toString());
        String channel = posted.path("channel").asText();
        String ts = posted.path("ts").asText();
        JsonNode reply = json.readTree(call("chat.postMessage", TOKEN, "application/json",
                "{\"channel\":\"" + channel + "\",\"thread_ts\":\"" + ts + "\",\"text\":\"reply\"}").body());
        assertEquals(ts, reply.path("message").path("thread_ts").asText());
        JsonNode updated = form("chat.update", TOKEN, "channel", channel, "ts", ts, "text", "parent, edited");
        assertTrue(updated.path("ok").asBoolean(), updated.toString());

        JsonNode messages = control("GET", "/control/messages");
        assertEquals("parent, edited", messages.get(0).path("text").asText());
        assertEquals(1, messages.get(0).path("updates").asInt());
        assertEquals(ts, messages.get(1).path("threadTs").asText());
        String page = http.send(HttpRequest.newBuilder(simulator.url()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("#root-approvals") && page.contains("parent, edited") && page.contains("reply"), page);
    }

    @Test
    void unknownChannelsMessagesAndBrokenBlocksAreOkFalse() throws Exception {
        assertEquals("channel_not_found", form("chat.postMessage", TOKEN, "channel", "not a channel", "text", "x")
                .path("error").asText());
        assertEquals("message_not_found", form("chat.update", TOKEN, "channel", "#a", "ts", "1.000001", "text", "x")
                .path("error").asText());
        assertEquals("invalid_blocks", form("chat.postMessage", TOKEN, "channel", "#a", "blocks",
                "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "x".repeat(151) + "\"}}]")
                .path("error").asText());
        assertEquals("no_text", form("chat.postMessage", TOKEN, "channel", "#a").path("error").asText());
    }

    @Test
    void playsRateLimitsErrorsAndOkFalseWhenToldTo() throws Exception {
        control("POST", "/control/fault?status=429&retryAfter=2&match=slow-down");
        control("POST", "/control/fault?status=200&error=channel_not_found&match=gone");
        HttpResponse<String> limited = call("chat.postMessage", TOKEN, "application/json",
                "{\"channel\":\"#a\",\"text\":\"slow-down\"}");
        assertEquals(429, limited.statusCode());
        assertEquals("2", limited.headers().firstValue("Retry-After").orElse(""));
        assertEquals("channel_not_found", form("chat.postMessage", TOKEN, "channel", "#a", "text", "gone").path("error").asText());
        assertTrue(form("chat.postMessage", TOKEN, "channel", "#a", "text", "slow-down").path("ok").asBoolean());
    }

    @Test
    void usersAreFoundByEmailOnceKnown() throws Exception {
        assertEquals("users_not_found", form("users.lookupByEmail", TOKEN, "email", "alice@example.com").path("error").asText());
        control("POST", "/control/users?email=alice@example.com&id=U0ALICE");
        assertEquals("U0ALICE", form("users.lookupByEmail", TOKEN, "email", "Alice@Example.com").path("user").path("id").asText());
    }
}
