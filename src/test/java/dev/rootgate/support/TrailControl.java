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

/** The CloudTrail simulator's control port: what goes into the trail, how late, and which faults LookupEvents plays. */
public final class TrailControl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrailControl() {
    }

    /** Writes one record ({@code shadow}, {@code failed} or a checklist event name) and answers its eventID. */
    public static String inject(String kind, String query) {
        return send("POST", "/inject?kind=" + kind + (query.isEmpty() ? "" : "&" + query), "").get("eventId").asText();
    }

    /** Writes a record as given. */
    public static String write(String recordJson) {
        return send("POST", "/events", recordJson).get("eventId").asText();
    }

    /** How late the STS simulator's calls reach the trail from now on. */
    public static void deliveryDelay(long millis) {
        send("POST", "/delivery?delayMs=" + millis, "");
    }

    public static void pageSize(int size) {
        send("POST", "/paging?size=" + size, "");
    }

    /** After {@code after} normal answers, the next {@code times} calls fail with {@code code}. */
    public static void fail(String code, int after, int times) {
        send("POST", "/fault?code=" + code + "&after=" + after + "&times=" + times, "");
    }

    public static void healthy() {
        send("DELETE", "/fault", "");
        send("POST", "/paging?size=0", "");
        send("POST", "/delivery?delayMs=0", "");
    }

    /** The LookupEvents calls received, oldest first: time, region, attribute and answer ("ok n" or the error code). */
    public static List<JsonNode> lookups() {
        List<JsonNode> lookups = new ArrayList<>();
        send("GET", "/lookups", "").forEach(lookups::add);
        return lookups;
    }

    public static void forgetLookups() {
        send("DELETE", "/lookups", "");
    }

    private static JsonNode send(String method, String path, String body) {
        String control = ConfigProvider.getConfig().getValue("rootgate.dev.cloudtrail-simulator.control-url",
                String.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(control + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("CloudTrail simulator control failed: " + method + " " + path, e);
        }
    }
}
