package dev.rootgate.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Slack simulator's control routes: what rootgate posted (as Slack would read it), and faults to play. */
public final class Slack {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Slack() {
    }

    public static String url() {
        return ConfigProvider.getConfig().getValue("rootgate.dev.slack-simulator.url", String.class);
    }

    public static String apiUrl() {
        return url() + "/api";
    }

    public static String token() {
        return ConfigProvider.getConfig().getValue("rootgate.slack.token", String.class);
    }

    public static List<JsonNode> messages() {
        return list(send("GET", "/control/messages"));
    }

    public static List<JsonNode> calls() {
        return list(send("GET", "/control/calls"));
    }

    /** The first message of request {@code id}'s thread, once it has arrived. */
    public static JsonNode parentOf(long id) throws InterruptedException {
        return await(m -> m.path("threadTs").isNull() && m.path("text").asText().startsWith("Root access request #" + id + " "),
                1).get(0);
    }

    /** The replies in a thread, in the order Slack shows them, once there are at least {@code expected}. */
    public static List<JsonNode> replies(JsonNode parent, int expected) throws InterruptedException {
        return await(m -> parent.path("ts").asText().equals(m.path("threadTs").asText(null))
                && parent.path("channelId").asText().equals(m.path("channelId").asText()), expected);
    }

    /** The parent as it is now (updates change it in place). */
    public static JsonNode current(JsonNode parent) {
        return messages().stream().filter(m -> m.path("ts").asText().equals(parent.path("ts").asText())
                && m.path("channelId").asText().equals(parent.path("channelId").asText())).findFirst().orElseThrow();
    }

    public static List<JsonNode> await(Predicate<JsonNode> wanted, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        List<JsonNode> found = messages().stream().filter(wanted).toList();
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            found = messages().stream().filter(wanted).toList();
        }
        if (found.size() < expected) {
            List<JsonNode> calls = calls();
            throw new AssertionError("expected " + expected + " messages, Slack has " + found + "; its last calls: "
                    + calls.subList(Math.max(0, calls.size() - 3), calls.size()));
        }
        return found;
    }

    /** The next {@code times} API calls whose body contains {@code match} answer HTTP {@code status}. */
    public static void fail(int status, String retryAfter, String match, int times) {
        send("POST", "/control/fault?status=" + status + (retryAfter == null ? "" : "&retryAfter=" + retryAfter)
                + "&match=" + URLEncoder.encode(match, StandardCharsets.UTF_8) + "&times=" + times);
    }

    /** A Slack user that {@code users.lookupByEmail} finds by this email. */
    public static void addUser(String email, String userId) {
        send("POST", "/control/users?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&id=" + userId);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("Slack simulator control failed: " + method + " " + path, e);
        }
    }
}
