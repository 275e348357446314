package dev.rootgate.detect;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.ShiftableClock;
import dev.rootgate.support.Sql;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Detection over the real database, the real STS client and the STS simulator: the records are built from the
 * simulator's recorded calls, as CloudTrail would write them.
 */
@QuarkusTest
class DetectionsRecordEachEventOnceTest {

    static final String BROKER = "arn:aws:sts::111111111111:assumed-role/RootgateBroker/rootgate";
    static final String INTRUDER = "arn:aws:sts::111111111111:assumed-role/Admin/mallory";
    static final String AUDIT_TASK = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";

    @Inject
    Detections detections;
    @Inject
    DataSource dataSource;
    @Inject
    ShiftableClock clock;

    @AfterEach
    void putBack() {
        Sts.healthy();
        clock.reset();
    }

    @Test
    void aBrokeredSessionSeenTwiceIsConfirmedOnceWithoutAlert() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        JsonNode call = lastCall("issued");
        String record = record(BROKER, ANY_ACCOUNT, AUDIT_TASK, Instant.parse(call.get("time").asText()),
                call.get("accessKeyId").asText());

        List<Finding> first = detections.record(record, "lookup");
        List<Finding> again = detections.record(record, "queue");

        assertEquals(List.of(FindingKind.CONFIRMED), first.stream().map(Finding::kind).toList());
        assertEquals(List.of(), again);
        assertEquals(1, AuditTrail.count(id, "detection.confirmed", null));
        assertEquals(List.of("CONFIRMED"), findingsOfRequest(id));
        JsonPath timeline = requester.api().get("/api/v1/requests/" + id).then().statusCode(200).extract().jsonPath();
        assertTrue(timeline.getList("timeline.summary", String.class).contains("Confirmed by CloudTrail (INFO, CloudTrail event "
                + eventIdOf(record) + " at " + Instant.parse(call.get("time").asText()).truncatedTo(ChronoUnit.SECONDS) + ")"),
                "the request's timeline says it in words: " + timeline.getList("timeline.summary"));
        JsonPath events = TestUser.auditor().api().get("/api/v1/audit/events?request=" + id + "&action=request.starting")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("pwd,otp", events.getString("items[0].mfaMethods"), "a start carries the MFA evidence it was allowed on");
    }

    @Test
    void aShadowAssumeRootIsOneCriticalFindingAudited() throws Exception {
        String record = record(INTRUDER, ANY_ACCOUNT, AUDIT_TASK, Instant.now(), "ASIASHADOW" + suffix(10));
        String eventId = eventIdOf(record);

        detections.record(record, "lookup");
        detections.record(record, "lookup");

        assertEquals(List.of("FOREIGN_PRINCIPAL:CRITICAL"), findingsOfEvent(eventId));
        assertEquals(1, auditedWithEvent("detection.foreign_principal", eventId));
    }

    @Test
    void aNulCharacterInACallersFieldCannotMakeARecordUnstorable() throws Exception {
        ObjectNode withNul = (ObjectNode) new ObjectMapper().readTree(record(INTRUDER + "\u0000", ANY_ACCOUNT, AUDIT_TASK,
                Instant.now(), "ASIASHADOW" + suffix(10)));
        withNul.put("userAgent", "x\u0000y");
        String record = withNul.toString();
        String eventId = eventIdOf(record);

        detections.record(record, "lookup");

        assertEquals(List.of("FOREIGN_PRINCIPAL:CRITICAL"), findingsOfEvent(eventId), "recorded and alerted all the same");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT raw_event->>'userAgent' FROM detection_event WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                assertEquals("x\uFFFDy", rows.getString(1));
            }
        }
    }

    @Test
    void theStoredRecordKeepsNoSessionToken() throws Exception {
        String record = record(INTRUDER, ANY_ACCOUNT, AUDIT_TASK, Instant.now(), "ASIASHADOW" + suffix(10));
        detections.record(record, "lookup");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT raw_event::text FROM detection_event WHERE event_id = ?")) {
            select.setString(1, eventIdOf(record));
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                assertFalse(rows.getString(1).contains("sessionToken"), rows.getString(1));
                assertTrue(rows.getString(1).contains("accessKeyId"), rows.getString(1));
            }
        }
    }

    @Test
    void aFailureRootgateDidNotAttemptIsHigh() throws Exception {
        String record = failed(BROKER, "999988887777", AUDIT_TASK, Instant.now());
        detections.record(record, "lookup");
        assertEquals(List.of("UNATTEMPTED_FAILURE:HIGH"), findingsOfEvent(eventIdOf(record)));
    }

    @Test
    void rootgatesOwnRefusedAttemptIsNoAlert() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.fail("AccessDenied", 1);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(502);
        JsonNode call = lastCall("AccessDenied");
        String record = failed(BROKER, ANY_ACCOUNT, AUDIT_TASK, Instant.parse(call.get("time").asText()));

        List<Finding> findings = detections.record(record, "lookup");

        assertEquals(List.of(FindingKind.ATTEMPT_CONFIRMED), findings.stream().map(Finding::kind).toList());
        assertEquals(List.of("ATTEMPT_CONFIRMED:INFO"), findingsOfEvent(eventIdOf(record)));
        // Other tests refuse starts on the same account and task within seconds: any of them is rootgate's own.
        assertTrue(findings.get(0).requestId().isPresent());
    }

    @Test
    void anInterruptedStartIsResolvedByItsEvent() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int before = Sts.callsFor(ANY_ACCOUNT).size();
        Sts.slow(4_000); // longer than the test profile's read timeout: the late answer still issues
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503);
        Sts.healthy();
        List<JsonNode> calls = Sts.awaitCallsFor(ANY_ACCOUNT, before + 1);
        JsonNode call = calls.get(calls.size() - 1);
        assertEquals("issued", call.get("outcome").asText());
        String record = record(BROKER, ANY_ACCOUNT, AUDIT_TASK, Instant.parse(call.get("time").asText()),
                call.get("accessKeyId").asText());

        detections.record(record, "lookup");

        assertEquals(List.of("INTERRUPTED_SESSION_ISSUED"), findingsOfRequest(id));
        assertEquals(1, AuditTrail.count(id, "detection.interrupted_session_issued", null));
    }

    @Test
    void anInterruptedStartWithoutEventIssuedNoSessionOnceTheDelayPassed() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        // A refused attempt first: its confirmation must not settle the later, interrupted start.
        Sts.fail("AccessDenied", 1);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(502);
        detections.record(failed(BROKER, ANY_ACCOUNT, AUDIT_TASK,
                Instant.parse(lastCall("AccessDenied").get("time").asText())), "lookup");
        Sts.fail("InternalFailure", 1);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503);

        Instant readFrom = Instant.now().minus(Duration.ofHours(1));
        detections.resolveAbsences(readFrom, Instant.now());
        assertFalse(findingsOfRequest(id).contains("INTERRUPTED_NO_SESSION"));

        Instant later = Instant.now().plus(Duration.ofMinutes(31));
        clock.shiftTo(later);
        detections.resolveAbsences(readFrom, Instant.now());
        assertFalse(findingsOfRequest(id).contains("INTERRUPTED_NO_SESSION"),
                "the trail was not read since the delay passed: its silence proves nothing yet");
        detections.resolveAbsences(readFrom, later);
        detections.resolveAbsences(readFrom, later);
        assertEquals(1, findingsOfRequest(id).stream().filter("INTERRUPTED_NO_SESSION"::equals).count());
        assertEquals(1, AuditTrail.count(id, "detection.interrupted_no_session", null));
    }

    @Test
    void aSessionIssuedBeforeTheTrailWasFirstReadIsNeverMissingFromIt() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        Instant readFrom = Instant.now().plusSeconds(1);

        Instant later = Instant.now().plus(Duration.ofMinutes(31));
        clock.shiftTo(later);
        detections.resolveAbsences(readFrom, later);

        assertEquals(List.of(), findingsOfRequest(id));
    }

    private static JsonNode lastCall(String outcome) {
        List<JsonNode> calls = Sts.callsFor(ANY_ACCOUNT);
        JsonNode last = calls.get(calls.size() - 1);
        assertEquals(outcome, last.get("outcome").asText());
        return last;
    }

    static String record(String caller, String account, String taskPolicyArn, Instant time, String keyId) {
        ObjectNode record = base(caller, account, taskPolicyArn, time);
        ObjectNode credentials = record.putObject("responseElements").putObject("credentials");
        credentials.put("accessKeyId", keyId);
        credentials.put("sessionToken", "IQoJb3JpZ2luX2VjEXAMPLETOKEN");
        credentials.put("expiration", "Oct 25, 2030, 9:07:11 PM");
        return record.toString();
    }

    static String failed(String caller, String account, String taskPolicyArn, Instant time) {
        ObjectNode record = base(caller, account, taskPolicyArn, time);
        record.put("errorCode", "AccessDenied");
        record.put("errorMessage", "not authorized to perform sts:AssumeRoot");
        return record.toString();
    }

    private static ObjectNode base(String caller, String account, String taskPolicyArn, Instant time) {
        ObjectNode record = AssumeRootEventTest.sample();
        record.put("eventID", UUID.randomUUID().toString());
        record.put("eventTime", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        record.put("awsRegion", "us-east-1");
        ((ObjectNode) record.get("userIdentity")).put("arn", caller);
        ObjectNode parameters = (ObjectNode) record.get("requestParameters");
        parameters.put("targetPrincipal", account);
        ((ObjectNode) parameters.get("taskPolicyArn")).put("arn", taskPolicyArn);
        record.remove("responseElements");
        return record;
    }

    private static String eventIdOf(String record) {
        return AssumeRootEvent.parse(record).eventId();
    }

    private static String suffix(int length) {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, length);
    }

    private List<String> findingsOfRequest(long requestId) throws SQLException {
        return Sql.strings(dataSource, "SELECT kind FROM detection_finding WHERE request_id = ? ORDER BY id", requestId);
    }

    private List<String> findingsOfEvent(String eventId) throws SQLException {
        return Sql.strings(dataSource, "SELECT kind || ':' || severity FROM detection_finding WHERE event_id = ? ORDER BY id", eventId);
    }

    private int auditedWithEvent(String action, String eventId) throws SQLException {
        return Sql.strings(dataSource, "SELECT seq::text FROM audit_event WHERE action = ? AND details LIKE ?", action,
                "%" + eventId + "%").size();
    }
}
