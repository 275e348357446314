package dev.rootgate.approval;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static dev.rootgate.support.Flows.QUORUM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.policy.SwappablePolicy;
import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every step is decided under the policy and the identities of now: what made a request allowed when it was made
 * or approved must still hold when it is decided and when it is started.
 */
@QuarkusTest
class PolicyAndIdentityOfNowTest {

    private static final String AUDIT = "IAMAuditRootUserCredentials";
    /** The one-approval rule's head in test-policy.yaml. */
    private static final String ONE_APPROVAL = "taskPolicies: [IAMAuditRootUserCredentials]\n    accounts: [\"*\"]";

    @Inject
    SwappablePolicy policy;

    @Test
    void requesterRemovedFromEveryRequesterGroupCannotStart() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        TestUser sameRequesterNow = new TestUser(requester.subject(), List.of("contractors"));
        int calls = Sts.callsFor(ANY_ACCOUNT).size();

        sameRequesterNow.api().post("/api/v1/requests/" + id + "/session").then().statusCode(403)
                .body("error", equalTo("requester_no_longer_eligible"));

        assertEquals(calls, Sts.callsFor(ANY_ACCOUNT).size(), "AssumeRoot must not be called");
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));
        assertEquals(1, AuditTrail.count(id, "refused", "requester_no_longer_eligible"));
    }

    @Test
    void requesterRemovedFromEveryRequesterGroupCannotBeApproved() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, AUDIT);
        // The requester's next login shows the IdP change; rootgate remembers the groups it saw last.
        new TestUser(requester.subject(), List.of("contractors")).api().get("/api/v1/me").then().statusCode(200);

        TestUser.approver().api().body(Map.of("decision", "APPROVE", "comment", "ok"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(403)
                .body("error", equalTo("requester_no_longer_eligible"));

        TestUser.auditor().api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("decisions.size()", equalTo(0));
        assertEquals(1, AuditTrail.count(id, "refused", "requester_no_longer_eligible"));
    }

    @Test
    void ruleThatNoLongerCoversTheAccountStartsNothing() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int calls = Sts.callsFor(ANY_ACCOUNT).size();

        policy.whileEdited(yaml -> yaml.replace(ONE_APPROVAL, ONE_APPROVAL.replace("\"*\"", "\"ou:dev\"")),
                () -> requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                        .body("error", equalTo("rule_no_longer_covers")));

        assertEquals(calls, Sts.callsFor(ANY_ACCOUNT).size(), "AssumeRoot must not be called");
        assertEquals(1, AuditTrail.count(id, "refused", "rule_no_longer_covers"));
    }

    @Test
    void ruleThatNoLongerHoldsTheTaskPolicyStartsNothing() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int calls = Sts.callsFor(ANY_ACCOUNT).size();

        policy.whileEdited(yaml -> yaml.replace(ONE_APPROVAL, ONE_APPROVAL.replace(AUDIT, "IAMDeleteRootUserCredentials")),
                () -> requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                        .body("error", equalTo("rule_no_longer_covers")));

        assertEquals(calls, Sts.callsFor(ANY_ACCOUNT).size(), "AssumeRoot must not be called");
    }

    @Test
    void accountThatLeftTheCatalogStartsNothing() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int calls = Sts.callsFor(ANY_ACCOUNT).size();

        policy.whileEdited(yaml -> yaml.replace("  - {id: \"111122223333\", name: payments-prod, ou: prod, tags: [pci]}\n", "")
                        .replace("[\"ou:dev\", \"ou:prod\"]", "[\"ou:dev\"]"),
                () -> requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                        .body("error", equalTo("rule_no_longer_covers")));

        assertEquals(calls, Sts.callsFor(ANY_ACCOUNT).size(), "AssumeRoot must not be called");
    }

    @Test
    void voteOfAnApproverWhoLeftTheApproverGroupsDoesNotCount() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, QUORUM, "IAMDeleteRootUserCredentials");
        TestUser leaver = TestUser.approver();
        Flows.approve(leaver, id);
        new TestUser(leaver.subject(), List.of("former-approvers")).api().get("/api/v1/me").then().statusCode(200);

        Flows.approve(TestUser.approver(), id);
        Flows.approve(TestUser.approver(), id);
        TestUser.auditor().api().get("/api/v1/requests/" + id).then()
                .body("status", equalTo("PENDING"))
                .body("approvalsReceived", equalTo(2))
                .body("decisions[0].approver", equalTo(leaver.subject()))
                .body("decisions[0].counts", equalTo(false))
                .body("decisions[0].notCountingReason", equalTo("approver_no_longer_eligible"))
                .body("decisions[1].counts", equalTo(true));
        given().auth().oauth2(TestUser.auditor().token()).get("/requests/" + id).then().statusCode(200)
                .body(containsString("no longer counts: approver_no_longer_eligible"));
        requester.api().get("/api/v1/requests?mine=true").then()
                .body("items[0].id", equalTo((int) id))
                .body("items[0].approvalsReceived", equalTo(2));

        Flows.approve(TestUser.approver(), id);
        TestUser.auditor().api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));
    }

    @Test
    void tokensIssuedInTheSameSecondCountOnlyForTheGroupsBothShow() {
        TestUser approver = TestUser.approver();
        String iat = "{\"iat\":" + Instant.now().getEpochSecond() + "}";
        String withGroup = approver.tokenWithClaims(iat);
        String without = new TestUser(approver.subject(), List.of("former-approvers")).tokenWithClaims(iat);

        approver.api(without).get("/api/v1/me").then().statusCode(200).body("groups", equalTo(List.of("former-approvers")));
        // Which of the two came last cannot be told: only what both show counts, for either token.
        approver.api(withGroup).get("/api/v1/me").then().statusCode(200).body("groups", equalTo(List.of()));
        approver.api(without).get("/api/v1/me").then().statusCode(200).body("groups", equalTo(List.of()));
    }

    @Test
    void tokenIssuedBeforeTheGroupChangeCannotRestoreAVote() {
        long id = Flows.request(TestUser.engineer(), QUORUM, "IAMDeleteRootUserCredentials");
        TestUser leaver = TestUser.approver();
        String oldToken = leaver.tokenWithClaims("{\"iat\":" + (Instant.now().getEpochSecond() - 120) + "}");
        Flows.approve(leaver, id);
        new TestUser(leaver.subject(), List.of("former-approvers")).api().get("/api/v1/me").then().statusCode(200);

        // The old token still says "approvers", but a newer one said otherwise.
        leaver.api(oldToken).get("/api/v1/me").then().statusCode(200)
                .body("groups", not(hasItem("approvers")));
        TestUser.auditor().api().get("/api/v1/requests/" + id).then().body("decisions[0].counts", equalTo(false));
    }

    @Test
    void approvalWhoseApproverLeftAfterApprovingStartsNothing() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, AUDIT);
        TestUser approver = TestUser.approver();
        Flows.approve(approver, id);
        new TestUser(approver.subject(), List.of("former-approvers")).api().get("/api/v1/me").then().statusCode(200);
        int calls = Sts.callsFor(ANY_ACCOUNT).size();

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                .body("error", equalTo("approver_no_longer_eligible"));

        assertEquals(calls, Sts.callsFor(ANY_ACCOUNT).size(), "AssumeRoot must not be called");
        requester.api().get("/api/v1/requests/" + id).then().body("decisions[0].counts", equalTo(false));
        assertEquals(1, AuditTrail.count(id, "refused", "approver_no_longer_eligible"));
    }

    @Test
    void requestWhoseQuorumWasLostWaitsForApprovalsAgain() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, AUDIT);
        TestUser leaver = TestUser.approver();
        Flows.approve(leaver, id);
        new TestUser(leaver.subject(), List.of("former-approvers")).api().get("/api/v1/me").then().statusCode(200);

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                .body("error", equalTo("approver_no_longer_eligible"));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("stages[0].missing", equalTo(1))
                .body("allowedActions.start.refusal", equalTo("not_approved"));
        assertEquals(1, AuditTrail.count(id, "request.pending", "approver_no_longer_eligible"));

        Flows.approve(TestUser.approver(), id);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
    }

    @Test
    void requestBackInPendingStartsOnceItsApproverCountsAgain() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        String leaverSubject = requester.api().get("/api/v1/requests/" + id).jsonPath().getString("decisions[0].approver");
        new TestUser(leaverSubject, List.of("former-approvers")).api().get("/api/v1/me").then().statusCode(200);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                .body("error", equalTo("approver_no_longer_eligible"));

        // Back in the group, with a token issued after the one that showed the group gone.
        TestUser back = new TestUser(leaverSubject, List.of("approvers"));
        back.api(back.tokenWithClaims("{\"iat\":" + (Instant.now().getEpochSecond() + 5) + "}")).get("/api/v1/me")
                .then().statusCode(200);
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("allowedActions.start.allowed", equalTo(true));
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        assertEquals(1, AuditTrail.count(id, "request.approved", "quorum_met_again"));
    }

    @Test
    void approverGroupDroppedFromThePolicyNoLongerCounts() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int calls = Sts.callsFor(ANY_ACCOUNT).size();

        policy.whileEdited(yaml -> yaml.replace(ONE_APPROVAL + "\n    requesters: [engineers]\n    approvers: [approvers]",
                ONE_APPROVAL + "\n    requesters: [engineers]\n    approvers: [security-leads]"),
                () -> requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                        .body("error", equalTo("approver_no_longer_eligible")));

        assertEquals(calls, Sts.callsFor(ANY_ACCOUNT).size(), "AssumeRoot must not be called");
    }

    @Test
    void unchangedEntitlementStillStarts() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
    }
}
