package dev.rootgate.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Slack Web API methods rootgate calls — {@code chat.postMessage}, {@code chat.update},
 * {@code users.lookupByEmail} — under {@code /api/}, with form or JSON bodies, bearer-token auth and Slack's
 * {@code ok:false} errors. {@code /} is the dev page showing every channel and thread.
 *
 * <p>Control routes for tests, under {@code /control/}:
 * <ul>
 *   <li>{@code GET /messages} – every message as Slack would show it, with the pings and links Slack would read;
 *       {@code GET /calls} – every API call and its answer</li>
 *   <li>{@code POST /fault?status=500|429[&retryAfter=s][&error=code][&match=text][&times=n]} – the next n calls
 *       whose body contains {@code match} answer that way; {@code status=200&error=channel_not_found} is an
 *       {@code ok:false}; {@code DELETE /fault} clears them</li>
 *   <li>{@code POST /users?email=…&id=U…} – a user {@code users.lookupByEmail} finds</li>
 * </ul>
 */
public final class SlackSimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Fault(int status, Optional<String> retryAfter, Optional<String> error, String match) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "slack-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final String token;
    private final SlackWorkspace workspace = new SlackWorkspace();
    private final List<Fault> faults = new ArrayList<>();
    private final List<Map<String, Object>> calls = new ArrayList<>();

    private SlackSimulator(int port, String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Starts on 127.0.0.1:{@code port} ({@code 0} picks one), accepting only {@code token} as the bot token. */
    public static SlackSimulator start(int port, String token) {
        try {
            return new SlackSimulator(port, token);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Slack simulator on port " + port, e);
        }
    }

    /** The base of the dev page and control routes; the Web API is under {@code /api}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                api(exchange, path.substring("/api/".length()));
            } else if (path.startsWith("/control/")) {
                control(exchange, exchange.getRequestMethod() + " " + path.substring("/control".length()));
            } else if ("/".equals(path)) {
                send(exchange, 200, "text/html; charset=utf-8", SlackDevPage.render(workspace.messages()), Map.of());
            } else {
                send(exchange, 404, "text/plain", "not found", Map.of());
            }
        } finally {
            exchange.close();
        }
    }

    // ---- the Web API -------------------------------------------------------------------------------------------

    private void api(HttpExchange exchange, String method) throws IOException {
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("method", method);
        call.put("at", System.currentTimeMillis());
        call.put("body", raw);
        Optional<Fault> fault = takeFault(raw);
        if (fault.isPresent() && fault.get().status() != 200) {
            Fault f = fault.get();
            call.put("status", f.status());
            record(call);
            Map<String, String> headers = f.retryAfter().map(s -> Map.of("Retry-After", s)).orElse(Map.of());
            String body = f.status() == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "<html>Internal Server Error</html>";
            send(exchange, f.status(), f.status() == 429 ? "application/json" : "text/html", body, headers);
            return;
        }
        ObjectNode answer;
        try {
            ObjectNode args = arguments(exchange, raw);
            answer = fault.flatMap(Fault::error).map(SlackSimulator::error)
                    .orElseGet(() -> authorized(exchange, args).orElseGet(() -> dispatch(method, args)));
        } catch (JsonProcessingException e) {
            answer = error("invalid_json");
        }
        call.put("status", 200);
        call.put("answer", answer);
        record(call);
        send(exchange, 200, "application/json; charset=utf-8", answer.toString(), Map.of());
    }

    private Optional<ObjectNode> authorized(HttpExchange exchange, ObjectNode args) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7) : args.path("token").asText(null);
        if (given == null || given.isEmpty()) {
            return Optional.of(error("not_authed"));
        }
        return token.equals(given) ? Optional.empty() : Optional.of(error("invalid_auth"));
    }

    private ObjectNode dispatch(String method, ObjectNode args) {
        return switch (method) {
            case "chat.postMessage" -> postMessage(args);
            case "chat.update" -> update(args);
            case "users.lookupByEmail" -> workspace.userByEmail(args.path("email").asText(null))
                    .map(id -> {
                        ObjectNode ok = ok();
                        ok.putObject("user").put("id", id).put("name", args.path("email").asText());
                        return ok;
                    })
                    .orElseGet(() -> error("users_not_found"));
            default -> error("unknown_method");
        };
    }

    private ObjectNode postMessage(ObjectNode args) {
        Optional<String> channel = workspace.channelId(args.path("channel").asText(null));
        if (channel.isEmpty()) {
            return error("channel_not_found");
        }
        Optional<ObjectNode> invalid = invalidContent(args);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String threadTs = args.path("thread_ts").asText(null);
        if (threadTs != null && workspace.find(channel.get(), threadTs).isEmpty()) {
            return error("thread_not_found");
        }
        SlackWorkspace.Message message = workspace.post(channel.get(), threadTs, args.path("text").asText(null),
                args.get("blocks"));
        ObjectNode ok = ok().put("channel", message.channelId).put("ts", message.ts);
        ObjectNode echoed = ok.putObject("message").put("text", message.text).put("ts", message.ts);
        if (threadTs != null) {
            echoed.put("thread_ts", threadTs);
        }
        return ok;
    }

    private ObjectNode update(ObjectNode args) {
        Optional<String> channel = workspace.channelId(args.path("channel").asText(null));
        if (channel.isEmpty()) {
            return error("channel_not_found");
        }
        Optional<SlackWorkspace.Message> message = workspace.find(channel.get(), args.path("ts").asText(""));
        if (message.isEmpty()) {
            return error("message_not_found");
        }
        Optional<ObjectNode> invalid = invalidContent(args);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        workspace.update(message.get(), args.path("text").asText(null), args.get("blocks"));
        return ok().put("channel", channel.get()).put("ts", message.get().ts).put("text", message.get().text);
    }

    private static Optional<ObjectNode> invalidContent(ObjectNode args) {
        if (!args.hasNonNull("text") && !args.hasNonNull("blocks")) {
            return Optional.of(error("no_text"));
        }
        if (args.path("text").asText("").length() > SlackBlocks.MAX_TEXT) {
            return Optional.of(error("msg_too_long"));
        }
        return SlackBlocks.problem(args.get("blocks")).map(problem -> {
            ObjectNode refused = error("invalid_blocks");
            refused.putArray("errors").add(problem);
            return refused;
        });
    }

    /** JSON bodies as they are; form bodies field by field, with {@code blocks} a JSON string as Slack takes it. */
    private static ObjectNode arguments(HttpExchange exchange, String raw) throws JsonProcessingException {
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (type.startsWith("application/json")) {
            JsonNode parsed = raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
            if (!parsed.isObject()) {
                throw new JsonProcessingException("not an object") {
                };
            }
            return (ObjectNode) parsed;
        }
        ObjectNode args = JSON.createObjectNode();
        for (Map.Entry<String, String> field : form(raw).entrySet()) {
            if ("blocks".equals(field.getKey())) {
                args.set("blocks", JSON.readTree(field.getValue()));
            } else {
                args.put(field.getKey(), field.getValue());
            }
        }
        return args;
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(String code) {
        return JSON.createObjectNode().put("ok", false).put("error", code);
    }

    // ---- control -----------------------------------------------------------------------------------------------

    private void control(HttpExchange exchange, String route) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        switch (route) {
            case "GET /messages" -> sendJson(exchange, workspace.messages());
            case "GET /calls" -> sendJson(exchange, calls());
            case "POST /fault" -> {
                addFault(new Fault(Integer.parseInt(query.getOrDefault("status", "500")),
                        Optional.ofNullable(query.get("retryAfter")), Optional.ofNullable(query.get("error")),
                        query.getOrDefault("match", "")), Integer.parseInt(query.getOrDefault("times", "1")));
                sendJson(exchange, Map.of());
            }
            case "DELETE /fault" -> {
                clearFaults();
                sendJson(exchange, Map.of());
            }
            case "POST /users" -> {
                workspace.addUser(query.get("email"), query.get("id"));
                sendJson(exchange, Map.of());
            }
            default -> send(exchange, 404, "text/plain", "no such control route: " + route, Map.of());
        }
    }

    private synchronized void addFault(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    private synchronized void clearFaults() {
        faults.clear();
    }

    private synchronized Optional<Fault> takeFault(String body) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (body.contains(fault.match())) {
                it.remove();
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    private synchronized void record(Map<String, Object> call) {
        calls.add(call);
    }

    private synchronized List<Map<String, Object>> calls() {
        return List.copyOf(calls);
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static void sendJson(HttpExchange exchange, Object value) throws IOException {
        send(exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsString(value), Map.of());
    }

    private static void send(HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
