package dev.rootgate.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The three Slack Web API methods rootgate calls, over the JDK's HTTP client: JSON bodies, a bearer token. Retries
 * are the dispatcher's, so every answer — a 429 and its Retry-After included — is handed back as it came.
 */
final class SlackApi {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: {@code body} is the parsed JSON, or empty when there was none (a 5xx page, a 429). */
    record Answer(int status, Optional<Duration> retryAfter, Optional<JsonNode> body) {

        boolean ok() {
            return status == 200 && body.map(b -> b.path("ok").asBoolean(false)).orElse(false);
        }

        String error() {
            return body.map(b -> b.path("error").asText("")).filter(e -> !e.isEmpty()).orElse("http_" + status);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;
    private final String token;

    SlackApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Answer call(String method, ObjectNode arguments) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + "/" + method))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(arguments)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").flatMap(SlackApi::seconds),
                parse(response.body()));
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> parse(String body) {
        try {
            return body == null || body.isBlank() ? Optional.empty() : Optional.of(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
