package dev.rootgate.detect;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.TrailControl;
import dev.rootgate.support.Flows;
import dev.rootgate.support.ShiftableClock;
import dev.rootgate.support.Sql;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The poller over the real CloudTrail SDK client, the CloudTrail simulator (fed by the STS simulator's calls) and the
 * real database. Tests that need a trail of their own read a region nobody else writes to.
 */
@QuarkusTest
class PollerTest {

    @Inject
    Poller poller;
    @Inject
    Watermarks watermarks;
    @Inject
    DataSource dataSource;
    @Inject
    ShiftableClock clock;

    @AfterEach
    void putBack() throws SQLException {
        TrailControl.healthy();
        Sts.healthy();
        clock.reset();
        // A poll at a moved clock leaves a watermark in the future; later polls must read from the present again.
        Sql.execute(dataSource, "UPDATE detection_watermark SET read_until = LEAST(read_until, now())");
    }

    @Test
    void aLateEventReadTwiceConfirmsItsSessionOnceWithoutAlert() throws Exception {
        TrailControl.deliveryDelay(2_500);
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);

        assertTrue(poller.pollRegion("us-east-1"));
        assertEquals(List.of(), findingsOfRequest(id), "the event is not in the trail yet");

        Thread.sleep(2_600);
        poller.pollRegion("us-east-1");
        poller.pollRegion("us-east-1"); // the trailing window reads the same event again

        assertEquals(List.of("CONFIRMED:INFO"), findingsOfRequest(id));
        assertEquals(1, AuditTrail.count(id, "detection.confirmed", null));
    }

    @Test
    void throttlingIsWaitedOutWithoutLosingAnEvent() throws Exception {
        String region = "eu-west-1";
        List<String> events = List.of(TrailControl.inject("shadow", "region=" + region),
                TrailControl.inject("failed", "region=" + region + "&account=999988887777"), TrailControl.inject("StopLogging", "region=" + region));
        TrailControl.forgetLookups();
        TrailControl.fail("ThrottlingException", 0, 3);

        assertTrue(poller.pollRegion(region));

        assertEquals(List.of("FOREIGN_PRINCIPAL:CRITICAL"), findingsOfEvent(events.get(0)));
        assertEquals(List.of("UNATTEMPTED_FAILURE:HIGH"), findingsOfEvent(events.get(1)));
        assertEquals(List.of("TRAIL_CHANGE:CRITICAL"), findingsOfEvent(events.get(2)));
        List<JsonNode> lookups = TrailControl.lookups();
        assertEquals(3, lookups.stream().filter(l -> l.get("answer").asText().equals("ThrottlingException")).count(),
                "the three injected throttles, and none of the simulator's own: the poller kept to 2 calls a second "
                        + lookups);
        List<Instant> times = lookups.stream().map(l -> Instant.parse(l.get("time").asText())).toList();
        assertTrue(Duration.between(times.get(2), times.get(3)).toMillis() >= 700,
                "the third wait doubled the second's 0.4 s: " + lookups);
    }

    @Test
    void aPollCutShortAfterItsFirstPageIsResumedFromTheWatermarkWithNothingLostOrTwice() throws Exception {
        String region = "eu-west-2";
        poller.pollRegion(region);
        Instant before = watermarks.of(region).orElseThrow().readUntil();
        List<String> events = IntStream.range(0, 5).mapToObj(i -> TrailControl.inject("shadow", "region=" + region))
                .toList();
        TrailControl.pageSize(2);
        TrailControl.fail("InternalFailure", 1, 1);

        assertThrows(RuntimeException.class, () -> poller.pollRegion(region));
        assertEquals(before, watermarks.of(region).orElseThrow().readUntil(), "a window read in part is read again");
        long readBeforeTheCut = events.stream().filter(e -> !findingsOfEvent(e).isEmpty()).count();
        assertEquals(2, readBeforeTheCut, "the first page, newest first");

        assertTrue(poller.pollRegion(region));

        for (String event : events) {
            assertEquals(List.of("FOREIGN_PRINCIPAL:CRITICAL"), findingsOfEvent(event));
            assertEquals(1, audited("detection.foreign_principal", event));
        }
        assertTrue(watermarks.of(region).orElseThrow().readUntil().isAfter(before));
    }

    @Test
    void anInterruptedStartIsResolvedByItsEventThroughThePoller() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int before = Sts.callsFor(ANY_ACCOUNT).size();
        Sts.slow(4_000); // longer than the test profile's read timeout: the late answer still issues
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503);
        Sts.healthy();
        Sts.awaitCallsFor(ANY_ACCOUNT, before + 1);

        poller.poll();

        assertEquals(List.of("INTERRUPTED_SESSION_ISSUED:HIGH"), findingsOfRequest(id));
    }

    @Test
    void anInterruptedStartWithoutEventIsResolvedOnceThePollerReadPastTheDelay() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.fail("InternalFailure", 1);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503);

        poller.poll();
        assertEquals(List.of(), findingsOfRequest(id), "the delay has not passed");

        clock.shiftTo(Instant.now().plus(Duration.ofMinutes(31)));
        poller.poll();
        poller.poll();

        assertEquals(List.of("INTERRUPTED_NO_SESSION:INFO"), findingsOfRequest(id));
        assertEquals(1, AuditTrail.count(id, "detection.interrupted_no_session", null));
    }

    @Test
    void theChecklistsManagementAccountEventsAreFindingsAtItsSeverities() throws Exception {
        String trail = TrailControl.inject("StopLogging", "region=eu-north-1");
        List<String> iam = List.of(TrailControl.inject("PutRolePolicy", ""), TrailControl.inject("AttachRolePolicy", ""),
                TrailControl.inject("CreateUser", ""));
        String trust = TrailControl.inject("UpdateAssumeRolePolicy", "");
        String read = TrailControl.write("""
                {"eventVersion": "1.08", "eventID": "%s", "eventTime": "%s", "awsRegion": "us-east-1",
                 "eventSource": "iam.amazonaws.com", "eventName": "GetRole", "readOnly": true,
                 "userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::111111111111:assumed-role/Admin/a"},
                 "requestParameters": {"roleName": "Backdoor"}}
                """.formatted(java.util.UUID.randomUUID(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));

        poller.pollRegion("eu-north-1");
        poller.pollRegion("us-east-1");

        assertEquals(List.of("TRAIL_CHANGE:CRITICAL"), findingsOfEvent(trail));
        for (String event : iam) {
            assertEquals(List.of("IAM_POLICY_CHANGE:CRITICAL"), findingsOfEvent(event));
        }
        assertEquals(List.of("TRUST_POLICY_CHANGE:CRITICAL"), findingsOfEvent(trust));
        assertEquals(1, audited("detection.trail_change", trail));
        assertEquals(List.of(), Sql.strings(dataSource, "SELECT event_id FROM detection_event WHERE event_id = ?", read),
                "a read is no finding and is not kept");
    }

    @Test
    void aRootSessionOutsideEveryChangeWindowOfItsRulesIsHigh() throws Exception {
        // SQSUnlockQueuePolicy on the quorum account: only closed-window covers it, open one minute a week.
        String shadow = TrailControl.inject("shadow", "region=ca-central-1&account=" + Flows.QUORUM
                + "&task=SQSUnlockQueuePolicy");
        String covered = TrailControl.inject("shadow", "region=ca-central-1&account=" + ANY_ACCOUNT);

        poller.pollRegion("ca-central-1");

        assertEquals(List.of("FOREIGN_PRINCIPAL:CRITICAL", "OUTSIDE_CHANGE_WINDOW:HIGH"), findingsOfEvent(shadow));
        assertEquals(List.of("FOREIGN_PRINCIPAL:CRITICAL"), findingsOfEvent(covered), "one-approval has no windows");
    }

    @Test
    void aRegionHeldByAnotherReplicaIsSkipped() throws Exception {
        String region = "ap-south-1";
        Optional<Watermarks.Lease> held = watermarks.lease(region);
        assertTrue(held.isPresent());
        try (Watermarks.Lease lease = held.get()) {
            assertFalse(poller.pollRegion(region), "another replica reads it now");
        }
        assertTrue(poller.pollRegion(region));
    }

    private List<String> findingsOfRequest(long requestId) throws SQLException {
        return Sql.strings(dataSource, "SELECT kind || ':' || severity FROM detection_finding WHERE request_id = ? ORDER BY id",
                requestId);
    }

    private List<String> findingsOfEvent(String eventId) {
        try {
            return Sql.strings(dataSource, "SELECT kind || ':' || severity FROM detection_finding WHERE event_id = ? ORDER BY id",
                    eventId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int audited(String action, String eventId) throws SQLException {
        return Sql.strings(dataSource, "SELECT seq::text FROM audit_event WHERE action = ? AND details LIKE ?", action,
                "%" + eventId + "%").size();
    }
}
