package dev.rootgate.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stand-in for AWS STS that answers {@code AssumeRoot} in the awsQuery wire format, so the real SDK {@code StsClient}
 * can be exercised over HTTP in dev mode and tests without an AWS organization.
 *
 * <p>A second HTTP server (the control endpoint) lets tests read the recorded calls and inject faults:
 * <ul>
 *   <li>{@code GET /calls} – JSON array of recorded calls; {@code DELETE /calls} – forget them</li>
 *   <li>{@code GET /arrivals} – how many calls have arrived, slowed ones included: {@code {"arrivals": n}}</li>
 *   <li>{@code POST /fault?code=<ErrorCode>&times=<n>} – the next n calls (all, without times) fail with that error;
 *       an empty code answers HTTP 400 with an empty {@code <Code>}, an error that proves nothing</li>
 *   <li>{@code POST /fault?slowMs=<ms>} – every call answers that much later, but still answers normally</li>
 *   <li>{@code POST /fault?unreachable=true} – the service port stops accepting connections</li>
 *   <li>{@code DELETE /fault} – clear every fault and reopen the service port</li>
 * </ul>
 *
 * <p>Secret keys and session tokens are handed to the caller only: they are never recorded or logged.
 */
public final class StsSimulator implements AutoCloseable {

    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String API_VERSION = "2011-06-15";
    private static final int MAX_DURATION_SECONDS = 900;
    private static final Set<String> TASK_POLICY_ARNS = Stream.of(
                    "IAMAuditRootUserCredentials",
                    "IAMCreateRootUserPassword",
                    "IAMDeleteRootUserCredentials",
                    "S3UnlockBucketPolicy",
                    "SQSUnlockQueuePolicy")
            .map(name -> "arn:aws:iam::aws:policy/root-task/" + name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern TARGET_PRINCIPAL = Pattern.compile("(\\d{12})|arn:aws:iam::(\\d{12}):root");
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=([^,\\s]+)");
    private static final Pattern SCOPE_REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/");

    /** Codes a test may inject, with the HTTP status AWS answers them with; "" is a 4xx without a code. */
    private static final Map<String, Integer> INJECTABLE_ERRORS = Map.of(
            "", 400,
            "RegionDisabledException", 403,
            "AccessDenied", 403,
            "ExpiredTokenException", 400,
            "Throttling", 400,
            "ValidationError", 400,
            "InvalidAction", 400,
            "InternalFailure", 500,
            "ServiceUnavailable", 503);

    /** The identity AWS would name in an AccessDenied message (and CloudTrail as the caller); there is no real caller. */
    static final String SIMULATED_CALLER_ARN = "arn:aws:sts::111111111111:assumed-role/RootgateBroker/rootgate";

    private static final String ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_KEY_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
    private static final int SESSION_TOKEN_BYTES = 256;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService handlers = Executors.newCachedThreadPool(daemonThreads());
    private final Queue<RecordedCall> calls = new ConcurrentLinkedQueue<>();
    /** Calls received, counted on arrival: a slowed call is recorded only when it answers. */
    private final AtomicInteger arrivals = new AtomicInteger();
    private final List<Consumer<RecordedCall>> listeners = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private final HttpServer control;
    /** Fixed once bound, so the service reopens on the same port after being made unreachable. */
    private final InetSocketAddress serviceAddress;
    /** Null while the service is unreachable. Guarded by {@code this}. */
    private HttpServer service;

    private StsSimulator(int port) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        service = openService(new InetSocketAddress(loopback, port));
        serviceAddress = new InetSocketAddress(loopback, service.getAddress().getPort());
        control = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        control.createContext("/", this::handleControl);
        control.setExecutor(handlers);
        control.start();
    }

    /** Starts the simulator on 127.0.0.1:{@code port} ({@code 0} picks a free port) and its control server on a free port. */
    public static StsSimulator start(int port) {
        try {
            return new StsSimulator(port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the STS simulator on port " + port, e);
        }
    }

    /** The STS endpoint to give the SDK as {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + serviceAddress.getPort());
    }

    public URI controlEndpoint() {
        return URI.create("http://127.0.0.1:" + control.getAddress().getPort());
    }

    @Override
    public void close() {
        closeService();
        control.stop(0);
        handlers.shutdownNow();
    }

    /** Hands each call, as it is recorded, to {@code listener}: the CloudTrail simulator writes its trail from them. */
    void onCall(Consumer<RecordedCall> listener) {
        listeners.add(listener);
    }

    private HttpServer openService(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", this::handleService);
        server.setExecutor(handlers);
        server.start();
        return server;
    }

    private synchronized void reopenService() throws IOException {
        if (service == null) {
            service = openService(serviceAddress);
        }
    }

    private synchronized void closeService() {
        if (service != null) {
            service.stop(0);
            service = null;
        }
    }

    // ---- the STS service ----

    private void handleService(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try {
            Map<String, String> params = readParameters(exchange);
            arrivals.incrementAndGet();
            pause(faults.slowMs());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String region = signedRegion(authorization);
            try {
                Credentials credentials = assumeRoot(authorization, params);
                record(params, region, "issued", credentials.accessKeyId(), requestId);
                sendXml(exchange, 200, successXml(credentials, requestId), requestId);
            } catch (StsError error) {
                record(params, region, error.code, null, requestId);
                sendXml(exchange, error.status, errorXml(error, requestId), requestId);
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * Checks the request in the order AWS does (signature, operation, then parameters) and issues credentials.
     * An injected fault stands for a decision the service makes once it knows the operation, before the parameters.
     */
    private Credentials assumeRoot(String authorization, Map<String, String> params) throws StsError {
        requireSigV4ForSts(authorization);
        String action = params.get("Action");
        String version = params.get("Version");
        if (!"AssumeRoot".equals(action) || !API_VERSION.equals(version)) {
            throw new StsError(400, "InvalidAction", "Could not find operation " + action + " for version " + version);
        }
        String targetPrincipal = params.get("TargetPrincipal");
        Optional<String> injected = faults.takeErrorCode();
        if (injected.isPresent()) {
            String code = injected.get();
            throw new StsError(INJECTABLE_ERRORS.get(code), code, injectedMessage(code, targetPrincipal));
        }
        int durationSeconds = validate(targetPrincipal, params.get("TaskPolicyArn.arn"), params.get("DurationSeconds"));
        return issueCredentials(durationSeconds);
    }

    /** Only the shape is checked: the simulator cannot know the caller's secret key to verify the signature. */
    private static void requireSigV4ForSts(String authorization) throws StsError {
        if (authorization == null || authorization.isBlank()) {
            throw new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Matcher credential = CREDENTIAL_SCOPE.matcher(authorization);
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ")
                || !credential.find()
                || !credential.group(1).endsWith("/sts/aws4_request")) {
            throw new StsError(400, "IncompleteSignature",
                    "Authorization header requires an AWS4-HMAC-SHA256 'Credential' parameter"
                            + " scoped to <date>/<region>/sts/aws4_request");
        }
    }

    /** The region of the SigV4 credential scope: the region whose trail records the call. */
    private static String signedRegion(String authorization) {
        Matcher region = SCOPE_REGION.matcher(authorization == null ? "" : authorization);
        return region.find() ? region.group(1) : null;
    }

    /** Collects every violation into one message, as AWS does, and returns the effective duration. */
    private static int validate(String targetPrincipal, String taskPolicyArn, String durationSeconds) throws StsError {
        List<String> violations = new ArrayList<>();
        if (targetPrincipal == null) {
            violations.add("Value null at 'targetPrincipal' failed to satisfy constraint: Member must not be null");
        } else if (!TARGET_PRINCIPAL.matcher(targetPrincipal).matches()) {
            violations.add("Value '" + targetPrincipal + "' at 'targetPrincipal' failed to satisfy constraint:"
                    + " Member must be a 12-digit account ID or arn:aws:iam::<account-id>:root");
        }
        if (taskPolicyArn == null) {
            violations.add("Value null at 'taskPolicyArn' failed to satisfy constraint: Member must not be null");
        } else if (!TASK_POLICY_ARNS.contains(taskPolicyArn)) {
            violations.add("Value '" + taskPolicyArn + "' at 'taskPolicyArn.arn' failed to satisfy constraint:"
                    + " Member must be an AWS managed root-task policy (arn:aws:iam::aws:policy/root-task/<name>)");
        }
        Integer duration = effectiveDuration(durationSeconds);
        if (duration == null) {
            violations.add("Value '" + durationSeconds + "' at 'durationSeconds' failed to satisfy constraint:"
                    + " Member must be an integer");
        } else if (duration > MAX_DURATION_SECONDS) {
            violations.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint:"
                    + " Member must have value less than or equal to " + MAX_DURATION_SECONDS);
        } else if (duration < 0) {
            violations.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 0");
        }
        if (!violations.isEmpty()) {
            String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
            throw new StsError(400, "ValidationError", count + " detected: " + String.join("; ", violations));
        }
        return duration;
    }

    /** The requested duration, {@code 900} when absent, or null when it is not an integer. */
    private static Integer effectiveDuration(String durationSeconds) {
        if (durationSeconds == null) {
            return MAX_DURATION_SECONDS;
        }
        try {
            return Integer.valueOf(durationSeconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String injectedMessage(String code, String targetPrincipal) {
        String account = targetAccount(targetPrincipal);
        return switch (code) {
            case "RegionDisabledException" -> "STS is not activated in this region for account:" + account
                    + ". Your account administrator can activate STS in this region using the IAM Console.";
            case "AccessDenied" -> "User: " + SIMULATED_CALLER_ARN
                    + " is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::" + account + ":root";
            case "ExpiredTokenException" -> "The security token included in the request is expired";
            case "Throttling" -> "Rate exceeded";
            case "ValidationError" -> "1 validation error detected: Value '" + targetPrincipal
                    + "' at 'targetPrincipal' failed to satisfy constraint: Member must be a member account"
                    + " of the organization";
            case "InvalidAction" -> "Could not find operation AssumeRoot for version " + API_VERSION;
            case "InternalFailure" -> "An internal error has occurred";
            case "ServiceUnavailable" -> "Service is unavailable";
            case "" -> "";
            default -> throw new IllegalArgumentException("not an injectable error: " + code);
        };
    }

    /** The 12-digit account of either accepted principal form; anything else is echoed as sent. */
    private static String targetAccount(String targetPrincipal) {
        if (targetPrincipal == null) {
            return "";
        }
        Matcher matcher = TARGET_PRINCIPAL.matcher(targetPrincipal);
        if (!matcher.matches()) {
            return targetPrincipal;
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static Credentials issueCredentials(int durationSeconds) {
        byte[] token = new byte[SESSION_TOKEN_BYTES];
        RANDOM.nextBytes(token);
        return new Credentials(
                "ASIA" + randomString(ACCESS_KEY_ALPHABET, 16),
                randomString(SECRET_KEY_ALPHABET, 40),
                Base64.getEncoder().encodeToString(token),
                Instant.now().plusSeconds(durationSeconds).truncatedTo(ChronoUnit.SECONDS));
    }

    private static String randomString(String alphabet, int length) {
        StringBuilder result = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            result.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return result.toString();
    }

    private void record(Map<String, String> params, String region, String outcome, String accessKeyId,
            String requestId) {
        RecordedCall call = new RecordedCall(
                Instant.now().toString(),
                params.get("TargetPrincipal"),
                params.get("TaskPolicyArn.arn"),
                effectiveDuration(params.get("DurationSeconds")),
                outcome,
                accessKeyId,
                requestId,
                region);
        calls.add(call);
        listeners.forEach(listener -> listener.accept(call));
    }

    /** The SDK reads the first child of the root as the result, so AssumeRootResult must precede ResponseMetadata. */
    private static String successXml(Credentials credentials, String requestId) {
        return "<AssumeRootResponse xmlns=\"" + NAMESPACE + "\">"
                + "<AssumeRootResult><Credentials>"
                + "<AccessKeyId>" + credentials.accessKeyId() + "</AccessKeyId>"
                + "<SecretAccessKey>" + escapeXml(credentials.secretAccessKey()) + "</SecretAccessKey>"
                + "<SessionToken>" + escapeXml(credentials.sessionToken()) + "</SessionToken>"
                + "<Expiration>" + credentials.expiration() + "</Expiration>"
                + "</Credentials></AssumeRootResult>"
                + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                + "</AssumeRootResponse>";
    }

    private static String errorXml(StsError error, String requestId) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\">"
                + "<Error><Type>Sender</Type>"
                + "<Code>" + error.code + "</Code>"
                + "<Message>" + escapeXml(error.getMessage()) + "</Message>"
                + "</Error>"
                + "<RequestId>" + requestId + "</RequestId>"
                + "</ErrorResponse>";
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static void sendXml(HttpExchange exchange, int status, String xml, String requestId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        send(exchange, status, xml.getBytes(StandardCharsets.UTF_8));
    }

    /** AWS accepts query parameters in the URL as well as in the form body; the SDK uses the body. */
    private static Map<String, String> readParameters(HttpExchange exchange) throws IOException {
        Map<String, String> params = parseQuery(exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        parseQuery(body).forEach(params::putIfAbsent);
        return params;
    }

    private static Map<String, String> parseQuery(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // close() is shutting the simulator down: answer at once rather than hold the connection.
            Thread.currentThread().interrupt();
        }
    }

    // ---- the control server ----

    private void handleControl(HttpExchange exchange) throws IOException {
        try {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /calls" -> sendJson(exchange, 200, List.copyOf(calls));
                case "GET /arrivals" -> sendJson(exchange, 200, Map.of("arrivals", arrivals.get()));
                case "DELETE /calls" -> {
                    calls.clear();
                    send(exchange, 204, null);
                }
                case "POST /fault" -> applyFault(exchange, parseQuery(exchange.getRequestURI().getRawQuery()));
                case "DELETE /fault" -> {
                    faults.clear();
                    reopenService();
                    send(exchange, 204, null);
                }
                default -> sendJson(exchange, 404, Map.of("error", "no such control route: " + route));
            }
        } finally {
            exchange.close();
        }
    }

    private void applyFault(HttpExchange exchange, Map<String, String> query) throws IOException {
        String code = query.get("code");
        String times = query.get("times");
        String slowMs = query.get("slowMs");
        String unreachable = query.get("unreachable");
        String problem = faultProblem(code, times, slowMs, unreachable);
        if (problem != null) {
            sendJson(exchange, 400, Map.of("error", problem));
            return;
        }
        if (code != null) {
            faults.failNext(code, times == null ? Faults.UNTIL_CLEARED : Integer.parseInt(times));
        }
        if (slowMs != null) {
            faults.slowDown(Long.parseLong(slowMs));
        }
        if (unreachable != null) {
            closeService();
        }
        send(exchange, 204, null);
    }

    /** Why the fault request cannot be applied, or null when it can; nothing is applied unless all of it is valid. */
    private static String faultProblem(String code, String times, String slowMs, String unreachable) {
        if (code == null && slowMs == null && unreachable == null) {
            return "expected code, slowMs or unreachable";
        }
        if (code != null && !INJECTABLE_ERRORS.containsKey(code)) {
            return "code must be one of " + INJECTABLE_ERRORS.keySet();
        }
        if (times != null && (code == null || !isNonNegativeNumber(times) || Integer.parseInt(times) == 0)) {
            return "times must be a positive integer and comes with code";
        }
        if (slowMs != null && !isNonNegativeNumber(slowMs)) {
            return "slowMs must be a non-negative integer";
        }
        if (unreachable != null && !unreachable.equals("true")) {
            return "unreachable must be true; DELETE /fault makes the service reachable again";
        }
        return null;
    }

    private static boolean isNonNegativeNumber(String text) {
        return text.matches("\\d{1,9}");
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sts-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---- small types ----

    /** One AssumeRoot call as the control server reports it; deliberately has no place for the secret or the token. */
    record RecordedCall(
            String time,
            String targetPrincipal,
            String taskPolicyArn,
            Integer durationSeconds,
            String outcome,
            String accessKeyId,
            String requestId,
            String region) {

        /** The 12-digit account of either accepted principal form, or the principal as sent. */
        String targetAccount() {
            return StsSimulator.targetAccount(targetPrincipal);
        }
    }

    private record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        /** Keeps the secret and the token out of any log line or debugger view that prints this. */
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }

    /** An AWS error answer, thrown to stop at the first check that fails; an answer, not a bug, so no stack trace. */
    private static final class StsError extends Exception {
        final int status;
        final String code;

        StsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private static final class Faults {
        static final int UNTIL_CLEARED = -1;

        private String errorCode;
        private int remaining;
        private long slowMs;

        synchronized void failNext(String code, int times) {
            errorCode = code;
            remaining = times;
        }

        synchronized void slowDown(long millis) {
            slowMs = millis;
        }

        /** The error the current call must fail with, counting it against the requested number of failures. */
        synchronized Optional<String> takeErrorCode() {
            if (errorCode == null) {
                return Optional.empty();
            }
            String code = errorCode;
            if (remaining != UNTIL_CLEARED && --remaining == 0) {
                errorCode = null;
            }
            return Optional.of(code);
        }

        synchronized long slowMs() {
            return slowMs;
        }

        synchronized void clear() {
            errorCode = null;
            remaining = 0;
            slowMs = 0;
        }
    }
}
