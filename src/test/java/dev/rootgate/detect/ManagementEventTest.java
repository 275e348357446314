package dev.rootgate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The checklist's management-account events, one row each: which are findings, of which kind and severity. */
class ManagementEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode record(String source, String name) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventID", "6f1e2d3c-0000-4000-8000-000000000001");
        record.put("eventTime", "2026-11-29T09:00:00Z");
        record.put("awsRegion", "us-east-1");
        record.put("eventSource", source);
        record.put("eventName", name);
        record.putObject("userIdentity").put("type", "AssumedRole")
                .put("arn", "arn:aws:sts::111111111111:assumed-role/Admin/mallory");
        record.put("sourceIPAddress", "192.0.2.10");
        record.putObject("requestParameters").put("roleName", "Backdoor");
        return record;
    }

    @ParameterizedTest(name = "{0}:{1} → {2}")
    @CsvSource({
            "iam.amazonaws.com, PutRolePolicy, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, PutUserPolicy, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, PutGroupPolicy, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, AttachRolePolicy, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, AttachUserPolicy, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, CreateRole, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, CreateAccessKey, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, CreatePolicyVersion, IAM_POLICY_CHANGE",
            "iam.amazonaws.com, UpdateAssumeRolePolicy, TRUST_POLICY_CHANGE",
            "cloudtrail.amazonaws.com, StopLogging, TRAIL_CHANGE",
            "cloudtrail.amazonaws.com, DeleteTrail, TRAIL_CHANGE",
            "cloudtrail.amazonaws.com, UpdateTrail, TRAIL_CHANGE"})
    void aChecklistEventIsACriticalFinding(String source, String name, FindingKind kind) {
        Finding finding = ManagementEvent.of(record(source, name)).orElseThrow().finding();
        assertEquals(kind, finding.kind());
        assertEquals(Severity.CRITICAL, finding.severity());
        assertEquals("6f1e2d3c-0000-4000-8000-000000000001", finding.eventId());
        assertEquals(Optional.empty(), finding.requestId());
        assertEquals("{\"roleName\":\"Backdoor\"}", finding.evidence().get("requestParameters"));
        assertTrue(finding.summary().contains("arn:aws:sts::111111111111:assumed-role/Admin/mallory"),
                finding.summary());
    }

    @ParameterizedTest(name = "{0}:{1} is no finding")
    @CsvSource({
            "iam.amazonaws.com, GetRole",
            "iam.amazonaws.com, ListPolicies",
            "iam.amazonaws.com, DeleteRolePolicy",
            "iam.amazonaws.com, PutRolePermissionsBoundary",
            "cloudtrail.amazonaws.com, StartLogging",
            "cloudtrail.amazonaws.com, LookupEvents",
            "s3.amazonaws.com, CreateBucket",
            "organizations.amazonaws.com, UpdatePolicy",
            "sts.amazonaws.com, AssumeRole"})
    void anyOtherEventIsNothing(String source, String name) {
        assertEquals(Optional.empty(), ManagementEvent.of(record(source, name)));
    }

    @Test
    void aRefusedAttemptIsStillAFindingThatSaysSo() {
        ObjectNode record = record("cloudtrail.amazonaws.com", "StopLogging");
        record.put("errorCode", "AccessDenied");
        record.put("errorMessage", "not authorized");
        Finding finding = ManagementEvent.of(record).orElseThrow().finding();
        assertEquals(FindingKind.TRAIL_CHANGE, finding.kind());
        assertEquals("AccessDenied", finding.evidence().get("errorCode"));
        assertTrue(finding.summary().contains("refused (AccessDenied)"), finding.summary());
    }

    @Test
    void aChecklistEventWithoutItsIdOrTimeIsRefusedNotGuessed() {
        ObjectNode noId = record("iam.amazonaws.com", "CreateUser");
        noId.remove("eventID");
        assertThrows(MalformedEvent.class, () -> ManagementEvent.of(noId));
        ObjectNode badTime = record("iam.amazonaws.com", "CreateUser");
        badTime.put("eventTime", "yesterday");
        assertThrows(MalformedEvent.class, () -> ManagementEvent.of(badTime));
    }

    @Test
    void aLongPolicyDocumentIsCutInTheEvidence() {
        ObjectNode record = record("iam.amazonaws.com", "PutRolePolicy");
        ((ObjectNode) record.get("requestParameters")).put("policyDocument", "x".repeat(5_000));
        String shown = ManagementEvent.of(record).orElseThrow().finding().evidence().get("requestParameters");
        assertEquals(2_001, shown.length());
    }
}
