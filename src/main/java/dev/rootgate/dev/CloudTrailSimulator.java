package dev.rootgate.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for CloudTrail's {@code LookupEvents} in the JSON 1.1 protocol the SDK speaks, so the real
 * {@code CloudTrailClient} reads a trail over HTTP in dev mode and tests. The trail holds the STS simulator's
 * AssumeRoot calls (each visible after the delivery delay in force when it was made: CloudTrail delivers late) and
 * whatever was injected. Like AWS it answers newest first, at most 50 events a page, with an opaque {@code NextToken},
 * and refuses more than 2 calls per second per region with a {@code ThrottlingException}.
 *
 * <p>The control server, for tests and for a newcomer's browser:
 * <ul>
 *   <li>{@code GET /} – a page that injects a shadow AssumeRoot, a failed one, {@code StopLogging} and the other
 *       checklist events</li>
 *   <li>{@code POST /inject?kind=shadow|failed|<EventName>[&account=&task=&region=&caller=&delayMs=]} – writes one
 *       record into the trail and answers its eventID</li>
 *   <li>{@code POST /events[?delayMs=]} with a CloudTrail record as the body – writes it as given</li>
 *   <li>{@code POST /delivery?delayMs=<ms>} – how late the STS simulator's calls reach the trail from now on</li>
 *   <li>{@code POST /paging?size=<n>} – at most n events a page, whatever MaxResults asks (0: no cap)</li>
 *   <li>{@code POST /fault?code=ThrottlingException|InternalFailure[&times=<n>][&after=<k>]} – after k more normal
 *       answers, the next n calls (all, without times) fail with that error; {@code DELETE /fault} clears it</li>
 *   <li>{@code GET /lookups} – the LookupEvents calls received (region, attribute, answer); {@code DELETE /lookups}</li>
 * </ul>
 */
public final class CloudTrailSimulator implements AutoCloseable {

    static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    static final int MAX_RESULTS = 50;
    static final int CALLS_PER_SECOND = 2;
    private static final Duration LOOKBACK = Duration.ofDays(90);
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/([a-z0-9]+)/aws4_request");
    private static final Map<String, String> ATTRIBUTES = Map.of("EventName", "eventName", "EventSource", "eventSource",
            "EventId", "eventID", "ReadOnly", "readOnly");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService handlers = Executors.newCachedThreadPool(daemonThreads());
    private final List<Stored> trail = new ArrayList<>();
    private final Map<String, Deque<Long>> recentCalls = new HashMap<>();
    private final Queue<Map<String, Object>> lookups = new ConcurrentLinkedQueue<>();
    private final HttpServer service;
    private final HttpServer control;
    private volatile long deliveryDelayMs;
    /** At most this many events a page whatever MaxResults asks (0: no cap): AWS may answer fewer too. */
    private volatile int pageCap;
    private String faultCode;
    private int faultTimes;
    private int faultAfter;

    private CloudTrailSimulator(int controlPort, long deliveryDelayMs) throws IOException {
        this.deliveryDelayMs = deliveryDelayMs;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        service = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        service.createContext("/", this::handleService);
        service.setExecutor(handlers);
        control = HttpServer.create(new InetSocketAddress(loopback, controlPort), 0);
        control.createContext("/", this::handleControl);
        control.setExecutor(handlers);
        service.start();
        control.start();
    }

    /**
     * Starts the simulator on a free port, its control server on {@code controlPort} (0: a free one), fed by the STS
     * simulator's calls when there is one.
     */
    public static CloudTrailSimulator start(int controlPort, long deliveryDelayMs, StsSimulator sts) {
        try {
            CloudTrailSimulator simulator = new CloudTrailSimulator(controlPort, deliveryDelayMs);
            if (sts != null) {
                sts.onCall(call -> {
                    ObjectNode record = CloudTrailRecords.ofStsCall(call);
                    if (record != null) {
                        simulator.add(record, simulator.deliveryDelayMs);
                    }
                });
            }
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the CloudTrail simulator", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + service.getAddress().getPort());
    }

    public URI controlEndpoint() {
        return URI.create("http://127.0.0.1:" + control.getAddress().getPort());
    }

    @Override
    public void close() {
        service.stop(0);
        control.stop(0);
        handlers.shutdownNow();
    }

    private synchronized void add(ObjectNode record, long delayMs) {
        trail.add(new Stored(record, Instant.parse(record.get("eventTime").asText()),
                Instant.now().plusMillis(delayMs)));
    }

    // ---- LookupEvents ----

    private void handleService(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String region = "";
            String attribute = "";
            try {
                region = signedRegion(exchange.getRequestHeaders().getFirst("Authorization"));
                if (!TARGET.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                    throw new AwsError(400, "UnknownOperationException", "unknown operation "
                            + exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                }
                Lookup lookup = Lookup.of(JSON.readTree(body));
                attribute = lookup.attributeKey.isEmpty() ? "" : lookup.attributeKey + "=" + lookup.attributeValue;
                admit(region);
                ObjectNode answer = answer(region, lookup);
                note(region, attribute, "ok " + answer.withArray("Events").size());
                sendJson(exchange, 200, answer);
            } catch (AwsError error) {
                note(region, attribute, error.code);
                ObjectNode answer = JSON.createObjectNode().put("__type", error.code).put("message", error.getMessage());
                sendJson(exchange, error.status, answer);
            }
        } finally {
            exchange.close();
        }
    }

    private static String signedRegion(String authorization) throws AwsError {
        Matcher scope = CREDENTIAL_SCOPE.matcher(authorization == null ? "" : authorization);
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ") || !scope.find()
                || !"cloudtrail".equals(scope.group(2))) {
            throw new AwsError(403, "MissingAuthenticationTokenException",
                    "an AWS4-HMAC-SHA256 signature scoped to <date>/<region>/cloudtrail/aws4_request is required");
        }
        return scope.group(1);
    }

    /** Injected faults first, then AWS's own limit: 2 calls in any second, per region. */
    private synchronized void admit(String region) throws AwsError {
        if (faultCode != null) {
            if (faultAfter > 0) {
                faultAfter--;
            } else {
                String code = faultCode;
                if (faultTimes > 0 && --faultTimes == 0) {
                    faultCode = null;
                }
                throw "ThrottlingException".equals(code) ? throttled() : new AwsError(500, code, "internal failure");
            }
        }
        long now = System.nanoTime();
        Deque<Long> calls = recentCalls.computeIfAbsent(region, r -> new ArrayDeque<>());
        while (!calls.isEmpty() && now - calls.peekFirst() >= 1_000_000_000L) {
            calls.removeFirst();
        }
        if (calls.size() >= CALLS_PER_SECOND) {
            throw throttled();
        }
        calls.addLast(now);
    }

    private static AwsError throttled() {
        return new AwsError(400, "ThrottlingException", "Rate exceeded");
    }

    private synchronized ObjectNode answer(String region, Lookup lookup) throws AwsError {
        Instant now = Instant.now();
        List<Stored> matching = trail.stream()
                .filter(stored -> !stored.visibleAt.isAfter(now) && region.equals(stored.record.path("awsRegion").asText()))
                .filter(stored -> !stored.eventTime.isBefore(lookup.start) && !stored.eventTime.isAfter(lookup.end))
                .filter(lookup::matches)
                .sorted(NEWEST_FIRST)
                .toList();
        int from = 0;
        if (lookup.nextToken != null) {
            Cursor cursor = Cursor.decode(lookup.nextToken, lookup.fingerprint());
            while (from < matching.size() && NEWEST_FIRST.compare(matching.get(from), cursor.asStored()) <= 0) {
                from++;
            }
        }
        int size = pageCap > 0 ? Math.min(pageCap, lookup.maxResults) : lookup.maxResults;
        List<Stored> page = matching.subList(from, Math.min(matching.size(), from + size));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode events = answer.putArray("Events");
        for (Stored stored : page) {
            JsonNode record = stored.record;
            ObjectNode event = events.addObject();
            event.put("EventId", record.path("eventID").asText());
            event.put("EventName", record.path("eventName").asText());
            event.put("ReadOnly", record.path("readOnly").asText("false"));
            event.put("AccessKeyId", record.path("userIdentity").path("accessKeyId").asText());
            event.put("EventTime", stored.eventTime.getEpochSecond());
            event.put("EventSource", record.path("eventSource").asText());
            String arn = record.path("userIdentity").path("arn").asText();
            event.put("Username", arn.substring(arn.lastIndexOf('/') + 1));
            event.putArray("Resources");
            // The whole record as a JSON string, not an object: what the SDK hands over as cloudTrailEvent().
            event.put("CloudTrailEvent", record.toString());
        }
        if (from + page.size() < matching.size()) {
            Stored last = page.get(page.size() - 1);
            answer.put("NextToken", new Cursor(lookup.fingerprint(), last.eventTime, last.eventId()).encode());
        }
        return answer;
    }

    private static final Comparator<Stored> NEWEST_FIRST = Comparator.comparing((Stored s) -> s.eventTime)
            .thenComparing(Stored::eventId).reversed();

    private void note(String region, String attribute, String answer) {
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("time", Instant.now().toString());
        lookup.put("region", region);
        lookup.put("attribute", attribute);
        lookup.put("answer", answer);
        lookups.add(lookup);
    }

    // ---- the control server ----

    private void handleControl(HttpExchange exchange) throws IOException {
        try {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
            switch (route) {
                case "GET /" -> sendHtml(exchange, CloudTrailDevPage.render(query.get("injected"), visibleTrail()));
                case "POST /inject" -> inject(exchange, query);
                case "POST /events" -> {
                    JsonNode record = JSON.readTree(exchange.getRequestBody().readAllBytes());
                    if (!(record instanceof ObjectNode object) || !record.hasNonNull("eventID")
                            || !record.hasNonNull("eventTime") || !record.hasNonNull("awsRegion")) {
                        sendJson(exchange, 400, JSON.createObjectNode().put("error",
                                "a CloudTrail record with eventID, eventTime and awsRegion is expected"));
                        return;
                    }
                    add(object, number(query.get("delayMs")));
                    sendJson(exchange, 200, JSON.createObjectNode().put("eventId", record.get("eventID").asText()));
                }
                case "POST /delivery" -> {
                    deliveryDelayMs = number(query.get("delayMs"));
                    send(exchange, 204, null);
                }
                case "POST /paging" -> {
                    pageCap = (int) number(query.get("size"));
                    send(exchange, 204, null);
                }
                case "POST /fault" -> fault(exchange, query);
                case "DELETE /fault" -> {
                    synchronized (this) {
                        faultCode = null;
                    }
                    send(exchange, 204, null);
                }
                case "GET /lookups" -> sendJson(exchange, 200, JSON.valueToTree(List.copyOf(lookups)));
                case "DELETE /lookups" -> {
                    lookups.clear();
                    send(exchange, 204, null);
                }
                default -> sendJson(exchange, 404, JSON.createObjectNode().put("error", "no such route: " + route));
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            sendJson(exchange, 400, JSON.createObjectNode().put("error", e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private void inject(HttpExchange exchange, Map<String, String> query) throws IOException {
        Map<String, String> form = parameters(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        form.forEach(query::putIfAbsent);
        String kind = query.getOrDefault("kind", "");
        String region = query.getOrDefault("region", "us-east-1");
        String account = query.getOrDefault("account", "111122223333");
        String task = query.getOrDefault("task", "IAMAuditRootUserCredentials");
        Instant time = Instant.now();
        ObjectNode record = switch (kind) {
            case "shadow" -> CloudTrailRecords.shadow(region, query.getOrDefault("caller", CloudTrailRecords.INTRUDER_ARN),
                    account, task, time);
            case "failed" -> CloudTrailRecords.failed(region,
                    query.getOrDefault("caller", StsSimulator.SIMULATED_CALLER_ARN), account, task, time);
            default -> CloudTrailRecords.checklist(kind, region,
                    query.getOrDefault("caller", CloudTrailRecords.INTRUDER_ARN), time);
        };
        add(record, number(query.get("delayMs")));
        String eventId = record.get("eventID").asText();
        if ("page".equals(query.get("from"))) {
            exchange.getResponseHeaders().set("Location", "/?injected=" + eventId);
            send(exchange, 303, null);
            return;
        }
        sendJson(exchange, 200, JSON.createObjectNode().put("eventId", eventId));
    }

    private void fault(HttpExchange exchange, Map<String, String> query) throws IOException {
        String code = query.get("code");
        if (!"ThrottlingException".equals(code) && !"InternalFailure".equals(code)) {
            throw new IllegalArgumentException("code must be ThrottlingException or InternalFailure");
        }
        synchronized (this) {
            faultCode = code;
            faultTimes = (int) number(query.get("times"));
            faultAfter = (int) number(query.get("after"));
        }
        send(exchange, 204, null);
    }

    private synchronized List<JsonNode> visibleTrail() {
        Instant now = Instant.now();
        return trail.stream().filter(stored -> !stored.visibleAt.isAfter(now)).sorted(NEWEST_FIRST)
                .limit(MAX_RESULTS).map(stored -> (JsonNode) stored.record).toList();
    }

    private static long number(String text) {
        if (text == null) {
            return 0;
        }
        if (!text.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("expected a non-negative integer, got " + text);
        }
        return Long.parseLong(text);
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            params.putIfAbsent(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void sendHtml(HttpExchange exchange, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        send(exchange, 200, html.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            exchange.getResponseBody().write(body);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "cloudtrail-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---- small types ----

    private record Stored(ObjectNode record, Instant eventTime, Instant visibleAt) {
        String eventId() {
            return record.path("eventID").asText();
        }
    }

    /** One LookupEvents request as the service validates it. */
    private record Lookup(String attributeKey, String attributeValue, Instant start, Instant end, int maxResults,
            String nextToken) {

        static Lookup of(JsonNode body) throws AwsError {
            if (body == null || !body.isObject()) {
                throw new AwsError(400, "SerializationException", "the body is not a JSON object");
            }
            JsonNode attributes = body.path("LookupAttributes");
            String key = "";
            String value = "";
            if (attributes.size() > 1) {
                throw new AwsError(400, "InvalidLookupAttributesException", "only one lookup attribute is allowed");
            }
            if (attributes.size() == 1) {
                key = attributes.get(0).path("AttributeKey").asText();
                value = attributes.get(0).path("AttributeValue").asText();
                if (!ATTRIBUTES.containsKey(key) || value.isEmpty()) {
                    throw new AwsError(400, "InvalidLookupAttributesException",
                            "the simulator looks up by " + ATTRIBUTES.keySet() + " with a value");
                }
            }
            Instant now = Instant.now();
            Instant end = body.has("EndTime") ? epochSeconds(body.get("EndTime")) : now;
            Instant start = body.has("StartTime") ? epochSeconds(body.get("StartTime")) : now.minus(LOOKBACK);
            if (start.isAfter(end)) {
                throw new AwsError(400, "InvalidTimeRangeException", "StartTime must be before EndTime");
            }
            int maxResults = body.has("MaxResults") ? body.get("MaxResults").asInt() : MAX_RESULTS;
            if (maxResults < 1 || maxResults > MAX_RESULTS) {
                throw new AwsError(400, "InvalidMaxResultsException", "MaxResults must be 1 to " + MAX_RESULTS);
            }
            String token = body.hasNonNull("NextToken") ? body.get("NextToken").asText() : null;
            return new Lookup(key, value, start, end, maxResults, token);
        }

        /** The JSON 1.1 protocol sends timestamps as epoch seconds, with a fraction. */
        private static Instant epochSeconds(JsonNode value) throws AwsError {
            if (!value.isNumber()) {
                throw new AwsError(400, "SerializationException", "timestamps are epoch seconds: " + value);
            }
            return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
        }

        boolean matches(Stored stored) {
            return attributeKey.isEmpty()
                    || attributeValue.equals(stored.record.path(ATTRIBUTES.get(attributeKey)).asText());
        }

        /** A token is valid only for the query that made it, as AWS's are. */
        String fingerprint() {
            return attributeKey + "=" + attributeValue + "@" + start.toEpochMilli() + "-" + end.toEpochMilli();
        }
    }

    /** Where the last page stopped: stable while later events arrive, unlike an offset. */
    private record Cursor(String fingerprint, Instant eventTime, String eventId) {

        String encode() {
            String text = fingerprint + "|" + eventTime.toEpochMilli() + "|" + eventId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token, String fingerprint) throws AwsError {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 3);
                if (parts.length == 3 && parts[0].equals(fingerprint)) {
                    return new Cursor(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
                }
            } catch (IllegalArgumentException malformed) {
                // answered below, like any token that is not this query's
            }
            throw new AwsError(400, "InvalidNextTokenException", "the NextToken is not valid for this query");
        }

        Stored asStored() {
            return new Stored(JSON.createObjectNode().put("eventID", eventId), eventTime, eventTime);
        }
    }

    /** An AWS error answer; an answer, not a bug, so no stack trace. */
    private static final class AwsError extends Exception {
        final int status;
        final String code;

        AwsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
