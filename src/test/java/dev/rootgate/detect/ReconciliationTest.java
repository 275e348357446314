package dev.rootgate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.policy.ChangeWindow;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.RequestStatus;

/** Reconciliation, one rule a row, on plain objects: no Quarkus, no database. */
class ReconciliationTest {

    static final String BROKER_ROLE = "arn:aws:iam::111111111111:role/ops/rootgate-broker";
    static final String BROKER_SESSION = "arn:aws:sts::111111111111:assumed-role/rootgate-broker/rootgate-42";
    static final String INTRUDER = "arn:aws:sts::111111111111:assumed-role/JohnDoe/JohnRole1";
    static final Instant EVENT_TIME = Instant.parse("2024-10-25T20:52:11Z");
    static final String KEY = "ASIAIOSFODNN7EXAMPLE";

    static final Reconciliation RECONCILE = new Reconciliation(new BrokerPrincipal(BROKER_ROLE), Duration.ofMinutes(2));

    static AssumeRootEvent event(String caller, boolean success, TaskPolicy taskPolicy) {
        ObjectNode record = AssumeRootEventTest.sample();
        ((ObjectNode) record.get("userIdentity")).put("arn", caller);
        ((ObjectNode) record.at("/requestParameters/taskPolicyArn")).put("arn", taskPolicy.arn());
        if (!success) {
            record.remove("responseElements");
            record.put("errorCode", "AccessDenied");
        }
        return AssumeRootEvent.parse(record.toString());
    }

    static AssumeRootEvent brokered(boolean success) {
        return event(BROKER_SESSION, success, TaskPolicy.S3UnlockBucketPolicy);
    }

    static Brokered request(long id, RequestStatus status, Instant claimedAt, String key) {
        return new Brokered(id, "222222222222", TaskPolicy.S3UnlockBucketPolicy, status, claimedAt,
                Optional.ofNullable(key));
    }

    static List<FindingKind> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).toList();
    }

    @Test
    void aBrokeredSessionIsConfirmedOnItsRequestByAccessKeyId() {
        List<Finding> findings = RECONCILE.of(brokered(true),
                List.of(request(7, RequestStatus.ACTIVE, EVENT_TIME.minusSeconds(1), KEY),
                        request(8, RequestStatus.ACTIVE, EVENT_TIME, "ASIAOTHERKEY00000000")));
        assertEquals(List.of(FindingKind.CONFIRMED), kinds(findings));
        assertEquals(Optional.of(7L), findings.get(0).requestId());
        assertFalse(findings.get(0).severity().isAlert());
        assertEquals(KEY, findings.get(0).evidence().get("accessKeyId"));
    }

    @Test
    void aSuccessByTheBrokerWithAnUnknownKeyIsARootSessionOutsideRootgate() {
        List<Finding> findings = RECONCILE.of(brokered(true),
                List.of(request(7, RequestStatus.ACTIVE, EVENT_TIME, "ASIAOTHERKEY00000000")));
        assertEquals(List.of(FindingKind.ROOT_SESSION_OUTSIDE_ROOTGATE), kinds(findings));
        assertEquals(Severity.CRITICAL, findings.get(0).severity());
        assertTrue(findings.get(0).summary().contains(BROKER_SESSION + " from 192.0.2.1"), findings.get(0).summary());
    }

    @Test
    void anyAssumeRootByAnotherPrincipalIsCriticalSuccessOrFailure() {
        for (boolean success : new boolean[] {true, false}) {
            List<Finding> findings = RECONCILE.of(event(INTRUDER, success, TaskPolicy.S3UnlockBucketPolicy),
                    List.of(request(7, RequestStatus.STARTING, EVENT_TIME, null)));
            assertEquals(List.of(FindingKind.FOREIGN_PRINCIPAL), kinds(findings), "success " + success);
            assertEquals(Severity.CRITICAL, findings.get(0).severity());
            assertEquals(INTRUDER, findings.get(0).evidence().get("callerArn"));
            assertEquals("222222222222", findings.get(0).evidence().get("accountId"));
        }
    }

    @Test
    void aFailureRootgateDidNotAttemptIsHigh() {
        List<Brokered> elsewhere = List.of(
                request(7, RequestStatus.APPROVED, EVENT_TIME.minus(Duration.ofMinutes(3)), null),
                new Brokered(8, "333333333333", TaskPolicy.S3UnlockBucketPolicy, RequestStatus.APPROVED, EVENT_TIME,
                        Optional.empty()),
                new Brokered(9, "222222222222", TaskPolicy.SQSUnlockQueuePolicy, RequestStatus.APPROVED, EVENT_TIME,
                        Optional.empty()));
        List<Finding> findings = RECONCILE.of(brokered(false), elsewhere);
        assertEquals(List.of(FindingKind.UNATTEMPTED_FAILURE), kinds(findings));
        assertEquals(Severity.HIGH, findings.get(0).severity());
        assertEquals("AccessDenied", findings.get(0).evidence().get("errorCode"));
    }

    @Test
    void rootgatesOwnRefusedAttemptIsNoAlert() {
        List<Finding> findings = RECONCILE.of(brokered(false),
                List.of(request(7, RequestStatus.APPROVED, EVENT_TIME.minusSeconds(90), null)));
        assertEquals(List.of(FindingKind.ATTEMPT_CONFIRMED), kinds(findings));
        assertEquals(Optional.of(7L), findings.get(0).requestId());
        assertFalse(findings.get(0).severity().isAlert());
    }

    @Test
    void anInterruptedStartWhoseSessionAppearsIsResolvedAsIssued() {
        List<Finding> findings = RECONCILE.of(brokered(true),
                List.of(request(7, RequestStatus.INTERRUPTED, EVENT_TIME.minusSeconds(2), null)));
        assertEquals(List.of(FindingKind.INTERRUPTED_SESSION_ISSUED), kinds(findings));
        assertEquals(Optional.of(7L), findings.get(0).requestId());
        assertEquals(KEY, findings.get(0).evidence().get("accessKeyId"));
        assertEquals("2024-10-25T21:07:11Z", findings.get(0).evidence().get("expiration"));
        assertTrue(findings.get(0).severity().isAlert());
    }

    @Test
    void anInterruptedStartFarFromTheEventIsNotResolvedByIt() {
        List<Finding> findings = RECONCILE.of(brokered(true),
                List.of(request(7, RequestStatus.INTERRUPTED, EVENT_TIME.minus(Duration.ofHours(1)), null)));
        assertEquals(List.of(FindingKind.ROOT_SESSION_OUTSIDE_ROOTGATE), kinds(findings));
    }

    @Test
    void anInterruptedStartWithNoEventAfterTheDelayIssuedNoSession() {
        Brokered interrupted = request(7, RequestStatus.INTERRUPTED, EVENT_TIME, null);
        Duration delay = Duration.ofMinutes(30);
        assertEquals(Optional.empty(), RECONCILE.unseen(interrupted, false, EVENT_TIME.plus(Duration.ofMinutes(29)), delay));
        assertEquals(Optional.empty(), RECONCILE.unseen(interrupted, true, EVENT_TIME.plus(Duration.ofHours(2)), delay));
        Finding resolved = RECONCILE.unseen(interrupted, false, EVENT_TIME.plus(delay), delay).orElseThrow();
        assertEquals(FindingKind.INTERRUPTED_NO_SESSION, resolved.kind());
        assertEquals(Optional.of(7L), resolved.requestId());
        assertFalse(resolved.severity().isAlert());
    }

    @Test
    void anIssuedSessionMissingFromTheTrailAfterTheDelayIsHigh() {
        Brokered issued = request(7, RequestStatus.ENDED, EVENT_TIME, KEY);
        Finding missing = RECONCILE.unseen(issued, false, EVENT_TIME.plus(Duration.ofMinutes(31)),
                Duration.ofMinutes(30)).orElseThrow();
        assertEquals(FindingKind.SESSION_NOT_IN_TRAIL, missing.kind());
        assertEquals(Severity.HIGH, missing.severity());
        assertEquals(Optional.empty(), RECONCILE.unseen(request(8, RequestStatus.APPROVED, EVENT_TIME, null), false,
                EVENT_TIME.plus(Duration.ofHours(1)), Duration.ofMinutes(30)));
    }

    @Test
    void aSessionForARiskyTaskIsFlaggedEvenWhenBrokered() {
        for (TaskPolicy risky : List.of(TaskPolicy.IAMCreateRootUserPassword, TaskPolicy.IAMDeleteRootUserCredentials)) {
            Brokered request = new Brokered(7, "222222222222", risky, RequestStatus.ACTIVE, EVENT_TIME,
                    Optional.of(KEY));
            List<Finding> findings = RECONCILE.of(event(BROKER_SESSION, true, risky), List.of(request));
            assertEquals(List.of(FindingKind.CONFIRMED, FindingKind.RISKY_TASK), kinds(findings), risky.name());
            assertEquals(Optional.of(7L), findings.get(1).requestId());
        }
        assertEquals(List.of(FindingKind.FOREIGN_PRINCIPAL, FindingKind.RISKY_TASK),
                kinds(RECONCILE.of(event(INTRUDER, true, TaskPolicy.IAMCreateRootUserPassword), List.of())));
        assertEquals(List.of(FindingKind.FOREIGN_PRINCIPAL),
                kinds(RECONCILE.of(event(INTRUDER, false, TaskPolicy.IAMCreateRootUserPassword), List.of())));
    }

    @Test
    void theBrokerRoleMatchesItsSessionsOnly() {
        BrokerPrincipal role = new BrokerPrincipal(BROKER_ROLE);
        assertTrue(role.matches(caller(BROKER_SESSION)));
        assertFalse(role.matches(caller("arn:aws:sts::111111111111:assumed-role/rootgate-broker/")));
        assertFalse(role.matches(caller("arn:aws:sts::111111111111:assumed-role/rootgate-broker-x/s")));
        assertFalse(role.matches(caller("arn:aws:sts::999999999999:assumed-role/rootgate-broker/s")));
        assertFalse(role.matches(caller("")));
        BrokerPrincipal exact = new BrokerPrincipal(BROKER_SESSION);
        assertTrue(exact.matches(caller(BROKER_SESSION)));
        assertFalse(exact.matches(caller(BROKER_SESSION + "x")));
    }

    /** EVENT_TIME is a Friday, 20:52 UTC. */
    @Test
    void aRootSessionOutsideEveryChangeWindowOfTheRulesCoveringItIsHigh() {
        Rule officeHours = rule("office-hours", "Mon-Fri 08:00-18:00 UTC");
        Rule fridayNight = rule("friday-night", "Fri 20:00-21:00 UTC");
        Rule always = rule("always", null);
        AssumeRootEvent session = brokered(true);

        Finding outside = Reconciliation.outsideChangeWindow(session, List.of(officeHours), Optional.of(7L))
                .orElseThrow();
        assertEquals(FindingKind.OUTSIDE_CHANGE_WINDOW, outside.kind());
        assertEquals(Severity.HIGH, outside.severity());
        assertEquals(Optional.of(7L), outside.requestId());
        assertEquals("office-hours: Mon-Fri 08:00-18:00 UTC", outside.evidence().get("changeWindows"));
        assertEquals(Optional.empty(), Reconciliation.outsideChangeWindow(session, List.of(officeHours, fridayNight),
                Optional.empty()), "one covering rule's window is open");
        assertEquals(Optional.empty(), Reconciliation.outsideChangeWindow(session, List.of(officeHours, always),
                Optional.empty()), "a rule without windows allows any time");
        assertEquals(Optional.empty(), Reconciliation.outsideChangeWindow(session, List.of(), Optional.empty()),
                "no rule covers it: the other findings speak");
        assertEquals(Optional.empty(), Reconciliation.outsideChangeWindow(brokered(false), List.of(officeHours),
                Optional.empty()), "a failure opened nothing");
    }

    private static Rule rule(String name, String changeWindow) {
        return new Rule(name, Set.of(TaskPolicy.S3UnlockBucketPolicy), List.of("*"), Set.of("engineers"), List.of(),
                null, List.of(), Duration.ofHours(1), Duration.ofHours(1), 900, Optional.empty(), false,
                changeWindow == null ? List.of() : List.of(ChangeWindow.parse(changeWindow)), Optional.empty());
    }

    private static AssumeRootEvent.Caller caller(String arn) {
        return new AssumeRootEvent.Caller("AssumedRole", arn, "", "");
    }
}
