package dev.rootgate.notify;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Delivers Slack rows. A thread starts with a {@code slack.parent} row, whose result (channel id and ts) the
 * thread's {@code slack.reply} and {@code slack.update} rows need; {@code slack.post} stands alone.
 */
public final class SlackSink implements Sink {

    static final String NAME = "slack";
    static final String PARENT = "slack.parent";
    static final String REPLY = "slack.reply";
    static final String UPDATE = "slack.update";
    static final String POST = "slack.post";
    /** A direct message to {@code email}; in the thread instead when Slack knows no user by that email. */
    static final String DIRECT = "slack.direct";

    /** Slack's own trouble, worth another attempt; any other {@code ok:false} is ours to fix (token, channel). */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final SlackApi api;

    public SlackSink(String name, URI apiUrl, String token) {
        this.name = name;
        this.api = new SlackApi(apiUrl, token);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Delivery deliver(OutboxRow row) {
        ObjectNode message = read(row.payload());
        String method = "chat.postMessage";
        if (DIRECT.equals(row.kind())) {
            return direct(row, message);
        }
        if (REPLY.equals(row.kind()) || UPDATE.equals(row.kind())) {
            Optional<JsonNode> parent = row.threadStart().map(SlackSink::read);
            if (parent.isEmpty()) {
                return new Failed("the thread's first message was never posted");
            }
            message.put("channel", parent.get().path("channel").asText());
            if (UPDATE.equals(row.kind())) {
                method = "chat.update";
                message.put("ts", parent.get().path("ts").asText());
            } else {
                message.put("thread_ts", parent.get().path("ts").asText());
            }
        } else if (!PARENT.equals(row.kind()) && !POST.equals(row.kind())) {
            return new Failed("unknown kind " + row.kind());
        }
        try {
            return answered(api.call(method, message));
        } catch (IOException e) {
            return new RetryLater(Optional.empty(), method + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RetryLater(Optional.empty(), method + ": interrupted");
        }
    }

    private Delivery direct(OutboxRow row, ObjectNode message) {
        ObjectNode lookup = JSON.createObjectNode().put("email", message.path("email").asText());
        message.remove("email");
        try {
            SlackApi.Answer user = api.call("users.lookupByEmail", lookup);
            if (user.ok()) {
                message.put("channel", user.body().orElseThrow().path("user").path("id").asText());
                return answered(api.call("chat.postMessage", message));
            }
            if (!"users_not_found".equals(user.error())) {
                return answered(user);
            }
        } catch (IOException e) {
            return new RetryLater(Optional.empty(), "users.lookupByEmail: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RetryLater(Optional.empty(), "users.lookupByEmail: interrupted");
        }
        return deliver(new OutboxRow(row.id(), REPLY, row.threadKey(), message.toString(), row.attempts(),
                row.threadStart()));
    }

    private static Delivery answered(SlackApi.Answer answer) {
        if (answer.ok()) {
            JsonNode body = answer.body().orElseThrow();
            ObjectNode result = JSON.createObjectNode();
            result.put("channel", body.path("channel").asText());
            result.put("ts", body.path("ts").asText());
            return new Delivered(result.toString());
        }
        if (answer.status() == 429 || answer.status() >= 500 || TRANSIENT.contains(answer.error())) {
            return new RetryLater(answer.retryAfter(), answer.error());
        }
        return new Failed(answer.error());
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is not JSON", e);
        }
    }
}
