package dev.rootgate.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.support.AuditChain;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * GET /api/v1/audit/export: every column of the sealed chain, in CSV that no spreadsheet runs as formulas and in
 * JSON Lines that parse back to the stored events with hashes that recompute; narrowed by its filters; audited;
 * auditors and admins only.
 */
@QuarkusTest
class ExportsAreTheChainForOverseersOnlyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LINE_FIELDS = new TreeSet<>(List.of("accountId", "action", "actor", "details",
            "hash", "occurredAt", "prevHash", "requestId", "seq", "sourceIp", "taskPolicy"));

    @Inject
    DataSource dataSource;

    private final TestUser auditor = TestUser.auditor();

    @Test
    void jsonLinesParseBackToTheStoredEventsAndTheirHashesRecompute() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        long request = Flows.approvedAuditRequest(TestUser.engineer());
        AuditChain.awaitSealed(dataSource);
        Response answer = export("format=jsonl&from=" + start);
        assertEquals(200, answer.statusCode());
        assertTrue(answer.contentType().startsWith("application/x-ndjson"), answer.contentType());
        List<JsonNode> lines = jsonLines(answer.asString());
        long firstOfRequest = AuditChain.firstSeqOf(dataSource, request);
        JsonNode previous = null;
        int ofRequest = 0;
        for (JsonNode line : lines) {
            assertEquals(LINE_FIELDS, fieldNames(line), "a line carries exactly the hashed fields, prevHash and hash");
            AuditEvent event = eventOf(line);
            assertEquals(event.hash, HashChain.hash(event.prevHash, event), "hash of seq " + event.seq);
            assertEquals(line.toString(), HashChain.exportLine(event), "the line is its canonical form");
            assertEquals(AuditChain.text(dataSource, "SELECT details FROM audit_event WHERE seq = " + event.seq),
                    event.details, "details byte for byte as stored");
            if (previous != null) {
                assertEquals(previous.get("seq").asLong() + 1, event.seq, "one unbroken piece of the chain");
                assertEquals(previous.get("hash").asText(), event.prevHash);
            }
            ofRequest += event.requestId != null && event.requestId == request ? 1 : 0;
            previous = line;
        }
        assertTrue(lines.get(0).get("seq").asLong() <= firstOfRequest);
        assertEquals(3, ofRequest, "all of the request's events: created, decision recorded, approved");
    }

    @Test
    void csvHasEveryColumnAndNoCellThatASpreadsheetWouldRun() throws Exception {
        TestUser evil = new TestUser("=HYPERLINK(\"http://evil.example\",\"x\")-" + UUID.randomUUID(), List.of("auditors"));
        TestUser requester = TestUser.engineer();
        long request = requester.api().body(Map.of("accountId", Flows.ANY_ACCOUNT, "taskPolicy",
                "IAMAuditRootUserCredentials", "justification", "=cmd|' /C calc'!A0, \"quoted\"\nsecond line"))
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        TestUser.approver().api().body(Map.of("decision", "APPROVE", "comment", "@SUM(1+1)*cmd|' /C calc'!A0"))
                .post("/api/v1/requests/" + request + "/decisions").then().statusCode(200);
        evil.api().get("/api/v1/audit/verify").then().statusCode(200);
        AuditChain.awaitSealed(dataSource);

        String csv = export("format=csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<List<String>> rows = Rfc4180.parse(csv);
        assertEquals(List.of("seq", "occurred_at", "actor", "action", "request_id", "account_id", "task_policy",
                "source_ip", "details", "prev_hash", "hash"), rows.get(0));
        for (List<String> row : rows) {
            assertEquals(11, row.size(), "every row has every column: " + row);
            for (String cell : row) {
                assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "a formula cell: " + cell);
            }
        }
        List<String> verified = rows.stream().filter(row -> row.get(3).equals("audit.verified")
                && row.get(2).equals("'" + evil.subject())).findFirst().orElseThrow();
        assertTrue(verified.get(1).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), verified.get(1));
        assertTrue(verified.get(10).matches("[0-9a-f]{64}") && verified.get(9).matches("[0-9a-f]{64}"));
        List<String> created = rows.stream().filter(row -> row.get(3).equals("request.created")
                && row.get(4).equals(Long.toString(request))).findFirst().orElseThrow();
        assertEquals(Flows.ANY_ACCOUNT, created.get(5));
        assertEquals("IAMAuditRootUserCredentials", created.get(6));
        assertEquals(AuditChain.text(dataSource, "SELECT details FROM audit_event WHERE action = 'request.created'"
                + " AND request_id = " + request), created.get(8), "a JSON cell comes back as it was stored");
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")-"), "quoted and neutralised");
    }

    @Test
    void eachFilterNarrowsTheExport() throws Exception {
        TestUser requester = TestUser.engineer();
        long request = Flows.approvedAuditRequest(requester);
        Flows.request(requester, Flows.SANDBOX, "IAMAuditRootUserCredentials");
        requester.api().body(Map.of("decision", "APPROVE", "comment", "mine")).post("/api/v1/requests/" + request
                + "/decisions").then().statusCode(403);
        AuditChain.awaitSealed(dataSource);
        assertAllLines("format=jsonl&request=" + request + "&outcome=succeeded", "requestId", Long.toString(request), 3);
        assertAllLines("format=jsonl&actor=" + requester.subject(), "actor", requester.subject(), 3);
        assertAllLines("format=jsonl&actor=" + requester.subject() + "&outcome=refused", "action", "refused", 1);
        assertAllLines("format=jsonl&actor=" + requester.subject() + "&taskPolicy=IAMAuditRootUserCredentials"
                + "&outcome=succeeded", "action", "request.created", 2);
        String reason = JSON.readTree(jsonLines(export("format=jsonl&outcome=refused&actor=" + requester.subject())
                .asString()).get(0).get("details").asText()).get("reason").asText();
        assertAllLines("format=jsonl&actor=" + requester.subject() + "&reason=" + reason, "action", "refused", 1);
        assertAllLines("format=jsonl&account=" + Flows.SANDBOX + "&actor=" + requester.subject(), "accountId",
                Flows.SANDBOX, 1);
        assertAllLines("format=jsonl&action=request.approved&request=" + request, "action", "request.approved", 1);
        assertTrue(jsonLines(export("format=jsonl&request=" + request + "&to=2000-01-01").asString()).isEmpty(),
                "nothing before the range's end");
    }

    @Test
    void theFileNameCarriesTheRangeAndTheExportIsAudited() throws Exception {
        export("format=csv&from=2026-11-01&to=2026-11-29T05:30:00Z&account=" + Flows.SANDBOX).then()
                .statusCode(200).header("Content-Disposition",
                        equalTo("attachment; filename=\"rootgate-audit-20261101T000000Z-20261129T053000Z.csv\""))
                .header("Cache-Control", containsString("no-store"));
        export("format=jsonl").then().statusCode(200).header("Content-Disposition",
                matchesPattern("attachment; filename=\"rootgate-audit-start-\\d{8}T\\d{6}Z\\.jsonl\""));
        String audited = AuditChain.text(dataSource, "SELECT details FROM audit_event WHERE action = 'audit.exported'"
                + " AND actor = '" + auditor.subject() + "' ORDER BY occurred_at LIMIT 1");
        JsonNode details = JSON.readTree(audited);
        assertEquals("csv", details.get("format").asText());
        assertEquals("2026-11-01T00:00:00Z", details.get("from").asText());
        assertEquals("2026-11-29T05:30:00Z", details.get("to").asText());
        assertEquals(Flows.SANDBOX, details.get("account").asText());
        assertEquals(auditor.subject(), details.get("actorUsername").asText());
    }

    @Test
    void onlyAuditorsAndAdminsExport() {
        TestUser.in("admins").api().get("/api/v1/audit/export?format=jsonl&to=2000-01-01").then().statusCode(200);
        for (TestUser other : new TestUser[] { TestUser.engineer(), TestUser.approver() }) {
            for (String format : List.of("csv", "jsonl")) {
                other.api().get("/api/v1/audit/export?format=" + format).then().statusCode(403)
                        .body("error", equalTo("not_auditor")).body("message", containsString("auditors and admins"));
            }
            assertEquals(2L, AuditEvent.count("actor = ?1 and action = 'refused' and details like ?2", other.subject(),
                    "%\"attempt\":\"audit.export\"%"));
            assertEquals(0L, AuditEvent.count("actor = ?1 and action = 'audit.exported'", other.subject()));
        }
    }

    @Test
    void aBadFilterIsA400NamingIt() {
        for (String[] bad : new String[][] { { "format=xml", "format" }, { "request=5", "format" },
                { "format=csv&from=yesterday", "from" }, { "format=csv&to=2026-13-01", "to" },
                { "format=csv&from=2026-11-02&to=2026-11-01", "to" }, { "format=csv&account=12345", "account" },
                { "format=csv&action=DROP%20TABLE", "action" }, { "format=csv&request=abc", "request" },
                { "format=csv&request=0", "request" }, { "format=csv&actor=" + "x".repeat(256), "actor" } }) {
            export(bad[0]).then().statusCode(400).body("error", equalTo("invalid_input"))
                    .body("field", equalTo(bad[1])).body("message", startsWith(bad[1] + ":"));
        }
    }

    private void assertAllLines(String query, String field, String value, int expected) throws Exception {
        List<JsonNode> lines = jsonLines(export(query).then().statusCode(200).extract().asString());
        assertEquals(expected, lines.size(), query);
        for (JsonNode line : lines) {
            assertEquals(value, line.get(field).asText(), query);
        }
    }

    private Response export(String query) {
        return auditor.api().accept("*/*").get("/api/v1/audit/export?" + query);
    }

    private static List<JsonNode> jsonLines(String body) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertTrue(body.isEmpty() || body.endsWith("\n"), "every line ends with a line feed");
        return lines;
    }

    private static Set<String> fieldNames(JsonNode line) {
        Set<String> names = new TreeSet<>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static AuditEvent eventOf(JsonNode line) {
        AuditEvent event = new AuditEvent();
        event.seq = line.get("seq").asLong();
        event.occurredAt = Instant.parse(line.get("occurredAt").asText());
        event.actor = line.get("actor").asText();
        event.action = line.get("action").asText();
        event.requestId = line.get("requestId").isNull() ? null : line.get("requestId").asLong();
        event.accountId = text(line, "accountId");
        event.taskPolicy = text(line, "taskPolicy");
        event.sourceIp = text(line, "sourceIp");
        event.details = line.get("details").asText();
        event.prevHash = line.get("prevHash").asText();
        event.hash = line.get("hash").asText();
        return event;
    }

    private static String text(JsonNode line, String field) {
        return line.get(field).isNull() ? null : line.get(field).asText();
    }

    /** A reader of RFC 4180 written apart from the exporter, so the exporter cannot vouch for itself. */
    static final class Rfc4180 {
        static List<List<String>> parse(String csv) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < csv.length(); i++) {
                char c = csv.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    cell.append(c);
                }
            }
            assertTrue(row.isEmpty() && cell.isEmpty(), "the last record ends with CRLF");
            return rows;
        }
    }
}
