package dev.rootgate.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The STS simulator's control port: what AssumeRoot calls reached it, and which faults it plays next. */
public final class Sts {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sts() {
    }

    public static List<JsonNode> calls() {
        List<JsonNode> calls = new ArrayList<>();
        send("GET", "/calls").forEach(calls::add);
        return calls;
    }

    public static List<JsonNode> callsFor(String accountId) {
        return calls().stream().filter(c -> c.get("targetPrincipal").asText().contains(accountId)).toList();
    }

    /** The calls for an account once at least {@code expected} have arrived (a slow call is recorded when it answers). */
    public static List<JsonNode> awaitCallsFor(String accountId, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 8_000;
        List<JsonNode> calls = callsFor(accountId);
        while (calls.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            calls = callsFor(accountId);
        }
        return calls;
    }

    /** How many calls have reached the simulator, slowed ones still waiting to answer included. */
    public static int arrivals() {
        return send("GET", "/arrivals").get("arrivals").asInt();
    }

    public static void fail(String awsCode, int times) {
        send("POST", "/fault?code=" + awsCode + "&times=" + times);
    }

    public static void slow(int millis) {
        send("POST", "/fault?slowMs=" + millis);
    }

    public static void unreachable() {
        send("POST", "/fault?unreachable=true");
    }

    public static void healthy() {
        send("DELETE", "/fault");
    }

    private static JsonNode send(String method, String path) {
        String control = ConfigProvider.getConfig().getValue("rootgate.dev.sts-simulator.control-url", String.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(control + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("STS simulator control failed: " + method + " " + path, e);
        }
    }
}
