package dev.rootgate.detect;

import static dev.rootgate.support.CloudTrail.AUDIT_TASK;
import static dev.rootgate.support.CloudTrail.BROKER;
import static dev.rootgate.support.CloudTrail.INTRUDER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.CloudTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Queue;
import dev.rootgate.support.Slack;
import dev.rootgate.support.Sql;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real-time source end to end: EventBridge messages sent to the embedded ElasticMQ (a real SQS server, with a
 * dead-letter queue and a redrive policy) and read by rootgate's consumer, against the real database and Slack
 * simulator.
 */
@QuarkusTest
class QueueDeliversEachEventOnceTest {

    @Inject
    Detections detections;
    @Inject
    DataSource dataSource;

    @Test
    void aBrokeredSessionDeliveredTwiceAndReadByTheLookupTooIsConfirmedOnceWithoutAlert() throws Exception {
        TestUser requester = TestUser.engineer();
        long request = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + request + "/session").then().statusCode(201);
        List<JsonNode> calls = Sts.callsFor(Flows.ANY_ACCOUNT);
        JsonNode call = calls.get(calls.size() - 1);
        ObjectNode record = CloudTrail.issued(BROKER, Flows.ANY_ACCOUNT, AUDIT_TASK,
                Instant.parse(call.get("time").asText()), call.get("accessKeyId").asText());
        String eventId = record.path("eventID").asText();

        Queue.send(CloudTrail.envelope(record).toString());
        Queue.send(CloudTrail.envelope(record).toString());
        awaitFindings(eventId, 1);
        awaitDrained();
        List<Finding> fromLookup = detections.record(record.toString(), "lookup");

        assertEquals(List.of(), fromLookup, "the lookup's copy comes late: already recorded");
        assertEquals(List.of("CONFIRMED"), kinds(eventId));
        assertEquals(List.of("queue"), Sql.strings(dataSource,
                "SELECT source FROM detection_event WHERE event_id = ?", eventId));
        assertEquals(1, AuditTrail.count(request, "detection.confirmed", null));
        assertEquals(List.of("0"), Sql.strings(dataSource, "SELECT count(*) FROM outbox WHERE payload LIKE ?",
                "%" + eventId + "%"));
    }

    @Test
    void aShadowAssumeRootIsOneCriticalFindingAlertedOnceAuditedAndAcknowledgedByAnAuditor() throws Exception {
        ObjectNode record = CloudTrail.issued(INTRUDER, Flows.SANDBOX, AUDIT_TASK, Instant.now(), CloudTrail.keyId());
        String eventId = record.path("eventID").asText();

        Queue.send(CloudTrail.envelope(record).toString());
        Queue.send(CloudTrail.envelope(record).toString()); // SQS delivers at least once
        long id = Long.parseLong(awaitFindings(eventId, 1).get(0));
        awaitDrained();

        assertEquals(List.of("FOREIGN_PRINCIPAL:CRITICAL"), Sql.strings(dataSource,
                "SELECT kind || ':' || severity FROM detection_finding WHERE event_id = ?", eventId));
        List<JsonNode> alerts = Slack.await(m -> "#root-alerts".equals(m.path("channel").asText())
                && m.path("text").asText().contains("(finding #" + id + ")"), 1);
        assertTrue(alerts.get(0).path("text").asText().contains("Account: sandbox (444455556666)"),
                alerts.get(0).path("text").asText());
        Thread.sleep(1500); // past a dispatcher round: a second alert would have arrived by now
        assertEquals(1, Slack.messages().stream()
                .filter(m -> m.path("text").asText().contains("(finding #" + id + ")")).count());
        assertEquals(List.of("1"), Sql.strings(dataSource, "SELECT count(*) FROM audit_event"
                + " WHERE action = 'detection.foreign_principal' AND details LIKE ?", "%" + eventId + "%"));

        TestUser.auditor().api().body(Map.of("reason", "red-team exercise RT-7, agreed in advance"))
                .post("/api/v1/findings/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledged.why", equalTo("red-team exercise RT-7, agreed in advance"));
        assertEquals(List.of("1"), Sql.strings(dataSource, "SELECT count(*) FROM audit_event"
                + " WHERE action = 'detection.acknowledged' AND details LIKE ?", "%" + eventId + "%"));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAfterItsTriesWhileGoodOnesKeepFlowing() throws Exception {
        String poison = "{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventName\":\"AssumeRoot\"}}";
        String poisonId = Queue.send(poison);
        String notJsonId = Queue.send("{ this is not an event");
        ObjectNode first = CloudTrail.issued(INTRUDER, Flows.QUORUM, AUDIT_TASK, Instant.now(), CloudTrail.keyId());
        Queue.send(CloudTrail.envelope(first).toString());

        awaitFindings(first.path("eventID").asText(), 1);
        Message dead = Queue.awaitDeadLetter(poisonId);
        assertEquals(poison, dead.body());
        Queue.awaitDeadLetter(notJsonId);
        ObjectNode after = CloudTrail.issued(INTRUDER, Flows.QUORUM, AUDIT_TASK, Instant.now(), CloudTrail.keyId());
        Queue.send(CloudTrail.envelope(after).toString());
        awaitFindings(after.path("eventID").asText(), 1);
        awaitDrained();

        String log = Files.readString(Path.of("target", "quarkus-test.log"));
        assertEquals(1, log.lines().filter(line -> line.contains(poisonId)).filter(line -> line.contains("WARN"))
                .count(), "one warning for the poison message, however often it was handed out");
        assertTrue(log.lines().noneMatch(line -> line.contains(poisonId) && line.contains("ERROR")));
    }

    private List<String> awaitFindings(String eventId, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        List<String> ids = ids(eventId);
        while (ids.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            ids = ids(eventId);
        }
        assertEquals(expected, ids.size(), "findings of event " + eventId);
        return ids;
    }

    /** Every message sent so far is deleted or dead-lettered: nothing the consumer still holds. */
    private static void awaitDrained() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (Queue.depth() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, Queue.depth(), "messages left in the queue");
    }

    private List<String> ids(String eventId) throws Exception {
        return Sql.strings(dataSource, "SELECT id FROM detection_finding WHERE event_id = ? ORDER BY id", eventId);
    }

    private List<String> kinds(String eventId) throws Exception {
        return Sql.strings(dataSource, "SELECT kind FROM detection_finding WHERE event_id = ? ORDER BY id", eventId);
    }
}
