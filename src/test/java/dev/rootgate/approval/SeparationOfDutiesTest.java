package dev.rootgate.approval;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static dev.rootgate.support.Flows.SANDBOX;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Invariants 1 and 2: who may decide, how often, and what a quorum or a deny does. */
@QuarkusTest
class SeparationOfDutiesTest {

    private static Map<String, String> approve() {
        return Map.of("decision", "APPROVE", "comment", "looks right");
    }

    @Test
    void requesterCannotApproveOwnRequestEvenWhenInTheApproverGroup() {
        TestUser both = TestUser.in("engineers", "approvers");
        long id = Flows.request(both, ANY_ACCOUNT, "IAMAuditRootUserCredentials");

        both.api().body(approve()).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(403).body("error", equalTo("self_approval"));

        both.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING")).body("decisions.size()", equalTo(0));
        both.api().get("/api/v1/requests?awaitingMe=true&size=100").then()
                .body("items.findAll { it.id == " + id + " }.size()", equalTo(0));
        assertEquals(1, AuditTrail.count(id, "refused", "self_approval"));
    }

    @Test
    void approverVotesOnlyOnce() {
        long id = Flows.request(TestUser.engineer(), SANDBOX, "S3UnlockBucketPolicy");
        TestUser approver = TestUser.approver();
        Flows.approve(approver, id);

        approver.api().body(approve()).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(409).body("error", equalTo("already_decided"));
        approver.api().body(Map.of("decision", "DENY", "comment", "changed my mind"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(409).body("error", equalTo("already_decided"));

        approver.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("approvalsReceived", equalTo(1)).body("decisions.size()", equalTo(1));
    }

    @Test
    void onlyTheRulesApproverGroupsDecide() {
        long id = Flows.request(TestUser.engineer(), ANY_ACCOUNT, "IAMAuditRootUserCredentials");

        // Another engineer cannot even see the request.
        TestUser.engineer().api().body(approve()).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(404).body("error", equalTo("not_found"));
        // An auditor sees it, but deciding is not an auditor's role.
        TestUser.auditor().api().body(approve()).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(403).body("error", equalTo("not_an_approver"));

        TestUser.auditor().api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("decisions.size()", equalTo(0));
    }

    @Test
    void approvedOnlyAfterTheRequiredNumberOfDistinctApprovals() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, SANDBOX, "S3UnlockBucketPolicy");

        Flows.approve(TestUser.approver(), id);
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("approvalsRequired", equalTo(2)).body("approvalsReceived", equalTo(1));

        Flows.approve(TestUser.approver(), id);
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"))
                .body("approvalsReceived", equalTo(2));
        assertEquals(1, AuditTrail.count(id, "request.approved", null));
    }

    @Test
    void oneDenyEndsTheRequest() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, SANDBOX, "S3UnlockBucketPolicy");
        Flows.approve(TestUser.approver(), id);

        TestUser.approver().api().body(Map.of("decision", "DENY", "comment", "no ticket"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(200).body("status", equalTo("DENIED"));

        TestUser.approver().api().body(approve()).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(409).body("error", equalTo("not_pending"));
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409);
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("DENIED"));
        assertEquals(1, AuditTrail.count(id, "request.denied", null));
    }

    @Test
    void denyNeedsAReason() {
        long id = Flows.request(TestUser.engineer(), ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser.approver().api().body(Map.of("decision", "DENY", "comment", " "))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(400).body("field", equalTo("comment"));
    }
}
