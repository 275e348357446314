package dev.rootgate.notify;

import static dev.rootgate.support.CloudTrail.AUDIT_TASK;
import static dev.rootgate.support.CloudTrail.BROKER;
import static dev.rootgate.support.CloudTrail.INTRUDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.detect.Detections;
import dev.rootgate.support.CloudTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Slack;
import dev.rootgate.support.Sql;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Findings at an alert severity reach the alerts channel once each, with their facts made inert, and a link. */
@QuarkusTest
class FindingsAreAlertedOnceTest {

    @Inject
    Detections detections;
    @Inject
    DataSource dataSource;

    @Test
    void aShadowSessionIsAlertedOnceWithWhoWhereWhichAccountAndTheFindingsLink() throws Exception {
        ObjectNode record = CloudTrail.issued(INTRUDER, Flows.ANY_ACCOUNT, AUDIT_TASK, Instant.now(), CloudTrail.keyId());
        String eventId = record.path("eventID").asText();

        detections.record(record.toString(), "lookup");
        detections.record(record.toString(), "queue");

        long id = findingOf(eventId);
        JsonNode alert = alertOf(id);
        String text = alert.path("text").asText();
        assertTrue(text.startsWith("[CRITICAL] FOREIGN_PRINCIPAL (finding #" + id + "): root session issued to "
                + INTRUDER), text);
        for (String fact : List.of("Who: " + INTRUDER, "From: 192.0.2.1", "Account: payments-prod (111122223333)",
                "Task policy: IAMAuditRootUserCredentials", "Event: " + eventId, "http://localhost:8081/findings/" + id)) {
            assertTrue(text.contains(fact), fact + " in " + text);
        }
        assertTrue(text.indexOf("/findings/" + id) < text.indexOf("Who: "),
                "the link comes before the facts, which a preview may cut: " + text);
        assertFalse(alert.toString().contains(CloudTrail.SESSION_TOKEN), "no credential: " + alert);
        assertEquals(List.of("1"), Sql.strings(dataSource, "SELECT count(*) FROM outbox WHERE dedupe_key = ?",
                "alert:finding:" + id));
        Thread.sleep(1500); // past a dispatcher round: a second alert would have arrived by now
        assertEquals(1, Slack.messages().stream().filter(m -> m.path("text").asText().contains("(finding #" + id + ")"))
                .count());
    }

    @Test
    void whatTheCallerWroteIntoTheRecordCannotPingOrLink() throws Exception {
        String arn = "arn:aws:sts::111111111111:assumed-role/x/<!channel> @here <http://evil.example|Acknowledge>";
        ObjectNode record = CloudTrail.issued(arn, "999900001111", AUDIT_TASK, Instant.now(), CloudTrail.keyId());
        record.put("sourceIPAddress", "<!subteam^S123> & @everyone");

        detections.record(record.toString(), "queue");

        JsonNode alert = alertOf(findingOf(record.path("eventID").asText()));
        String everything = alert.toString();
        for (String active : List.of("<!channel>", "<!subteam", "<http", "@here", "@everyone")) {
            assertFalse(everything.contains(active), active + " in " + everything);
        }
        assertTrue(alert.path("text").asText().contains("Account: 999900001111 (not in the catalog)"),
                alert.path("text").asText());
    }

    @Test
    void aConfirmedSessionIsNotAlerted() throws Exception {
        TestUser requester = TestUser.engineer();
        long request = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + request + "/session").then().statusCode(201);
        List<JsonNode> calls = Sts.callsFor(Flows.ANY_ACCOUNT);
        JsonNode call = calls.get(calls.size() - 1);
        ObjectNode record = CloudTrail.issued(BROKER, Flows.ANY_ACCOUNT, AUDIT_TASK,
                Instant.parse(call.get("time").asText()), call.get("accessKeyId").asText());

        detections.record(record.toString(), "queue");

        String eventId = record.path("eventID").asText();
        assertEquals(List.of("CONFIRMED"), Sql.strings(dataSource,
                "SELECT kind FROM detection_finding WHERE event_id = ?", eventId));
        assertEquals(List.of("0"), Sql.strings(dataSource, "SELECT count(*) FROM outbox WHERE payload LIKE ?",
                "%" + eventId + "%"));
    }

    private long findingOf(String eventId) throws Exception {
        List<String> ids = Sql.strings(dataSource, "SELECT id FROM detection_finding WHERE event_id = ?", eventId);
        assertEquals(1, ids.size(), ids.toString());
        return Long.parseLong(ids.get(0));
    }

    private static JsonNode alertOf(long findingId) throws InterruptedException {
        return Slack.await(m -> "#root-alerts".equals(m.path("channel").asText())
                && m.path("text").asText().contains("(finding #" + findingId + ")"), 1).get(0);
    }
}
