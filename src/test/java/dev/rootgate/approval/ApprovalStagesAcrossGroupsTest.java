package dev.rootgate.approval;

import static dev.rootgate.support.Flows.QUORUM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A rule with two stages (test-policy.yaml, approvers-and-leads: one from approvers AND one from leads) over HTTP:
 * every stage must be met, and one person fills one stage at most. The quorum's every case is pinned by QuorumTest;
 * this proves the wiring: the stages fixed at creation, the API's and the page's progress, the move to APPROVED.
 */
@QuarkusTest
class ApprovalStagesAcrossGroupsTest {

    private static final String UNLOCK = "S3UnlockBucketPolicy";

    @Test
    void twoApprovalsFromOneStageDoNotApprove() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, QUORUM, UNLOCK);
        Flows.approve(TestUser.approver(), id);
        Flows.approve(TestUser.approver(), id);

        requester.api().get("/api/v1/requests/" + id).then()
                .body("status", equalTo("PENDING"))
                .body("approvalsRequired", equalTo(2))
                .body("stages.groups", contains(contains("approvers"), contains("leads")))
                .body("stages.missing", contains(0, 1))
                .body("decisions[1].counts", equalTo(false))
                .body("decisions[1].notCountingReason", equalTo("beyond_need"));
    }

    @Test
    void oneFromEachStageApproves() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, QUORUM, UNLOCK);
        TestUser lead = TestUser.in("leads");
        TestUser approver = TestUser.approver();
        Flows.approve(lead, id);
        Flows.approve(approver, id);

        requester.api().get("/api/v1/requests/" + id).then()
                .body("status", equalTo("APPROVED"))
                .body("decisions.stage", contains(2, 1))
                .body("stages.approvers.subject", contains(contains(approver.subject()), contains(lead.subject())));
    }

    @Test
    void aPersonInBothGroupsFillsOneStageOnly() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, QUORUM, UNLOCK);
        Flows.approve(TestUser.in("approvers", "leads"), id);

        requester.api().get("/api/v1/requests/" + id).then()
                .body("status", equalTo("PENDING"))
                .body("stages.missing", contains(0, 1))
                .body("allowedActions.start.refusal", equalTo("not_approved"));
        given().auth().oauth2(requester.token()).get("/requests/" + id).then()
                .body(containsString("Stage 2: 0 of 1 from <code>leads</code>"))
                .body(containsString("(1 missing)"));
    }

    @Test
    void theRequesterInAnApproverGroupFillsNoStage() {
        TestUser requester = TestUser.in("engineers", "leads");
        long id = Flows.request(requester, QUORUM, UNLOCK);

        requester.api().get("/api/v1/requests/" + id).then()
                .body("allowedActions.decide.refusal", equalTo("self_approval"))
                .body("allowedActions.cancel.allowed", equalTo(true))
                .body("allowedActions.cancel.refusal", nullValue());
    }
}
