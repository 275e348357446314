package dev.rootgate.ops;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.audit.Checkpoints;
import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Browser;
import dev.rootgate.support.Flows;
import dev.rootgate.support.OtlpReceiver;
import dev.rootgate.support.OtlpReceiver.ExportedSpan;
import dev.rootgate.support.JsonLogLines;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With tracing switched on as the README says, each request's server span reaches the collector carrying rootgate's
 * request id, its SQL statements are spans of the same trace, and the lines it logs name that trace; and what a
 * collector receives holds no secret: no bearer token, session cookie, query string, bound SQL value or AWS credential.
 */
@QuarkusTest
@TestProfile(TracesJoinTheLogsAndCarryNoSecretTest.Tracing.class)
class TracesJoinTheLogsAndCarryNoSecretTest {

    private static final String ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class Tracing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    ENDPOINT, OtlpReceiver.start(),
                    "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "quarkus.datasource.jdbc.telemetry.enabled", "true",
                    "quarkus.otel.bsp.schedule.delay", "PT0.2S");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aRequestsSpansCarryItsIdAndItsLinesNameTheTraceWithNoSecretSent() throws Exception {
        TestUser requester = TestUser.engineer();
        String token = requester.token();
        String justification = "justification " + UUID.randomUUID();
        Map<String, Object> body = Map.of("accountId", Flows.ANY_ACCOUNT, "taskPolicy", "IAMAuditRootUserCredentials",
                "justification", justification);
        var created = requester.api(token).body(body).post("/api/v1/requests").then().statusCode(201).extract();
        String creation = created.header(RequestIds.HEADER);
        long id = created.jsonPath().getLong("id");
        Flows.approve(TestUser.approver(), id);
        var started = requester.api(token).post("/api/v1/requests/" + id + "/session").then().statusCode(201).extract();
        Map<String, String> credentials = started.jsonPath().getMap("");
        String queried = requester.api(token).queryParam("code", "query-secret-" + UUID.randomUUID())
                .get("/api/v1/me").then().statusCode(200).extract().header(RequestIds.HEADER);
        Browser browser = new Browser(base.toURI());
        String page = browser.logIn(browser.get("/requests/new"), "alice", true).header(RequestIds.HEADER);
        String sessionCookie = browser.cookie("q_session");
        String exported = exportLoggingACheckpoint();

        List<ExportedSpan> spans = awaitServerSpans(List.of(creation, started.header(RequestIds.HEADER), queried, page,
                exported.split(" ")[0]));
        ExportedSpan creationSpan = serverSpan(spans, creation).orElseThrow();
        assertTrue(spans.stream().anyMatch(span -> span.traceId().equals(creationSpan.traceId())
                        && span.attributes().getOrDefault("db.statement", "").toLowerCase().startsWith("insert into access_request")),
                "the request's INSERT is a span of its trace: " + spans);
        Set<String> served = spans.stream().filter(span -> span.kind() == ExportedSpan.SERVER).map(ExportedSpan::traceId)
                .collect(Collectors.toSet());
        assertEquals(List.of(), spans.stream().filter(span -> !served.contains(span.traceId())).toList(),
                "only requests are traced: a scheduler's statements are no trace of their own");
        assertEquals("redacted", serverSpan(spans, queried).orElseThrow().attributes().get("url.query"));
        assertEquals(serverSpan(spans, exported.split(" ")[0]).orElseThrow().traceId(), exported.split(" ")[1],
                "the checkpoint line logged while serving the export names the export's trace");

        // Byte for byte: protobuf writes strings as their UTF-8 bytes, and every secret here is ASCII.
        String everything = received().stream().map(b -> new String(b, ISO_8859_1)).collect(Collectors.joining());
        for (String secret : List.of(token, sessionCookie, justification, "query-secret-", "Bearer", "q_session",
                credentials.get("sessionToken"), credentials.get("secretAccessKey"), credentials.get("accessKeyId"))) {
            assertFalse(everything.contains(secret), "a collector receives " + secret);
        }
    }

    /** The export's request id and the traceId of the JSON line it logged, separated by a space. */
    private static String exportLoggingACheckpoint() {
        List<String> json = new CopyOnWriteArrayList<>();
        Handler jsonLines = new JsonLogLines(json);
        Logger checkpoints = Logger.getLogger(Checkpoints.class.getName());
        checkpoints.addHandler(jsonLines);
        try {
            // An export signs a checkpoint of a head not signed before and logs it, on the request's worker thread.
            Flows.request(TestUser.engineer(), Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
            AuditTrail.sealEverything();
            String id = TestUser.auditor().api().get("/api/v1/audit/export?format=jsonl&to=2000-01-01").then()
                    .statusCode(200).extract().header(RequestIds.HEADER);
            JsonNode line = json.stream().map(TracesJoinTheLogsAndCarryNoSecretTest::parse)
                    .filter(l -> l.path("message").asText().contains("audit checkpoint")).findFirst()
                    .orElseThrow(() -> new AssertionError("no checkpoint line logged: " + json));
            assertEquals(id, line.path("mdc").path(RequestIds.MDC_KEY).asText(), line.toString());
            return id + " " + line.path("mdc").path("traceId").asText();
        } finally {
            checkpoints.removeHandler(jsonLines);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static List<ExportedSpan> awaitServerSpans(List<String> requestIds) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            List<ExportedSpan> spans = new ArrayList<>();
            received().forEach(body -> spans.addAll(OtlpReceiver.spans(body)));
            if (requestIds.stream().allMatch(id -> serverSpan(spans, id).isPresent())) {
                return spans;
            }
            assertTrue(Instant.now().isBefore(deadline), "no server span for some of " + requestIds + " in " + spans);
            Thread.sleep(100);
        }
    }

    private static Optional<ExportedSpan> serverSpan(List<ExportedSpan> spans, String requestId) {
        return spans.stream().filter(span -> span.kind() == ExportedSpan.SERVER
                && requestId.equals(span.attributes().get(RequestIds.SPAN_ATTRIBUTE))).findFirst();
    }

    private static List<byte[]> received() throws Exception {
        return OtlpReceiver.received(ConfigProvider.getConfig().getValue(ENDPOINT, String.class));
    }
}
