package dev.rootgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.audit.Checkpoints;
import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.JsonLogLines;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each request gets an id of rootgate's own, answered in X-Request-Id and carried by the lines logged while it is
 * served, even on the worker thread that runs the endpoint; a caller cannot choose it.
 */
@QuarkusTest
class EveryRequestIsNamedInTheLogsTest {

    private static final Path LOG = Path.of("target", "quarkus-test.log");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void everyAnswerNamesItsOwnFreshId() {
        TestUser user = TestUser.engineer();
        String first = user.api().header(RequestIds.HEADER, "chosen-by-the-caller").get("/api/v1/me").then().statusCode(200)
                .extract().header(RequestIds.HEADER);
        String second = user.api().get("/api/v1/me").then().statusCode(200).extract().header(RequestIds.HEADER);
        assertTrue(first.matches(UUID), first);
        assertTrue(second.matches(UUID), second);
        assertNotEquals(first, second);
    }

    @Test
    void aLineLoggedWhileServingARequestCarriesItsIdInTextAndInJson() throws Exception {
        // The formatter of QUARKUS_LOG_CONSOLE_JSON_ENABLED=true, on the logger of a line logged inside a request.
        List<String> json = new CopyOnWriteArrayList<>();
        Handler jsonLines = new JsonLogLines(json);
        Logger checkpoints = Logger.getLogger(Checkpoints.class.getName());
        checkpoints.addHandler(jsonLines);
        String id;
        try {
            // An export signs a checkpoint of a head not signed before and logs it, on the request's worker thread.
            Flows.request(TestUser.engineer(), Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
            AuditTrail.sealEverything();
            id = TestUser.auditor().api().get("/api/v1/audit/export?format=jsonl&to=2000-01-01").then().statusCode(200)
                    .extract().header(RequestIds.HEADER);
        } finally {
            checkpoints.removeHandler(jsonLines);
        }
        String line = json.stream().filter(l -> l.contains("audit checkpoint")).findFirst()
                .orElseThrow(() -> new AssertionError("no checkpoint line logged: " + json));
        assertEquals(id, JSON.readTree(line).path("mdc").path(RequestIds.MDC_KEY).asText(), line);
        assertTrue(JSON.readTree(line).path("mdc").path("traceId").isMissingNode(), "tracing is off by default: " + line);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Files.readAllLines(LOG).stream().noneMatch(l -> l.contains("[" + id + "]") && l.contains("audit checkpoint"))) {
            assertTrue(Instant.now().isBefore(deadline), "no line of " + LOG + " names request " + id);
            Thread.sleep(50);
        }
    }
}
