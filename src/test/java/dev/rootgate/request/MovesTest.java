package dev.rootgate.request;

import static dev.rootgate.request.CoreFixtures.LEAD;
import static dev.rootgate.request.CoreFixtures.OTHER_SECURITY;
import static dev.rootgate.request.CoreFixtures.POLICY_YAML;
import static dev.rootgate.request.CoreFixtures.MFA_METHODS;
import static dev.rootgate.request.CoreFixtures.NOW;
import static dev.rootgate.request.CoreFixtures.REQUESTER;
import static dev.rootgate.request.CoreFixtures.SECURITY;
import static dev.rootgate.request.CoreFixtures.core;
import static dev.rootgate.request.CoreFixtures.policy;
import static dev.rootgate.request.CoreFixtures.request;
import static dev.rootgate.request.CoreFixtures.situation;
import static dev.rootgate.request.CoreFixtures.withGroups;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.Refusal;

/** What each move writes, and the refusals that depend on the policy and identities of now. */
class MovesTest {

    @Test
    void anApprovalThatMeetsEveryStageApprovesWithAnActivationDeadline() {
        RequestCore.Decided decided = core().decide(situation(request(RequestStatus.PENDING), SECURITY), LEAD,
                Verdict.APPROVE, "ok");
        assertEquals(RequestStatus.APPROVED, decided.outcome().step().orElseThrow().to());
        assertEquals(NOW.plus(CoreFixtures.POLICY.rule("unlock").orElseThrow().activationWindow()),
                decided.outcome().step().orElseThrow().activateBy());
        assertEquals("decision.recorded", decided.outcome().events().get(0).action());
        assertEquals(2, decided.outcome().events().get(0).details().get("stage"), "the lead fills the second stage");
    }

    @Test
    void twoApprovalsFromOneStageDoNotApproveAnAndRule() {
        RequestCore.Decided decided = core().decide(situation(request(RequestStatus.PENDING), SECURITY), OTHER_SECURITY,
                Verdict.APPROVE, "");
        assertTrue(decided.outcome().step().isEmpty(), "still pending: no lead has approved");
        assertEquals(1, decided.tally().stages().get(1).missing());
    }

    @Test
    void aDenyAfterPartialApprovalEndsTheRequest() {
        RequestCore.Decided decided = core().decide(situation(request(RequestStatus.PENDING), SECURITY), LEAD,
                Verdict.DENY, "not now");
        assertEquals(RequestStatus.DENIED, decided.outcome().step().orElseThrow().to());
    }

    @Test
    void aStartWhoseQuorumWasLostGoesBackToPendingAndIsRefused() {
        RequestCore.Start start = core().start(situation(request(RequestStatus.APPROVED), SECURITY,
                withGroups(LEAD, "marketing")), REQUESTER);
        assertEquals(RequestStatus.PENDING, start.outcome().step().orElseThrow().to());
        assertEquals("approver_no_longer_eligible", start.thenRefuse().orElseThrow().code());
    }

    @Test
    void aRequestBackInPendingWhoseQuorumIsMetAgainIsApprovedAgainAndClaimed() {
        RequestCore.Start start = core().start(situation(request(RequestStatus.PENDING), SECURITY, LEAD), REQUESTER);
        assertEquals(java.util.List.of(RequestStatus.APPROVED, RequestStatus.STARTING),
                start.outcome().steps().stream().map(Outcome.Step::to).toList());
        assertEquals(NOW.plus(CoreFixtures.POLICY.rule("unlock").orElseThrow().activationWindow()),
                start.outcome().steps().get(0).activateBy());
        assertTrue(start.thenRefuse().isEmpty());
    }

    @Test
    void aPendingRequestPastItsDeadlineIsNotApprovedAgain() {
        AccessRequest late = request(RequestStatus.PENDING);
        late.pendingUntil = NOW;
        assertEquals("not_approved", assertThrows(Refusal.class,
                () -> core().start(situation(late, SECURITY, LEAD), REQUESTER)).code());
    }

    @Test
    void aStartWithItsQuorumClaims() {
        RequestCore.Start start = core().start(situation(request(RequestStatus.APPROVED), SECURITY, LEAD), REQUESTER);
        assertEquals(RequestStatus.STARTING, start.outcome().step().orElseThrow().to());
        assertTrue(start.thenRefuse().isEmpty());
    }

    @Test
    void aRuleNoLongerCoveringTheTaskPolicyRefusesDecidingAndStarting() {
        RequestCore narrowed = new RequestCore(policy(POLICY_YAML.replace("[S3UnlockBucketPolicy]", "[SQSUnlockQueuePolicy]")),
                MFA_METHODS, NOW);
        assertEquals("rule_no_longer_covers", assertThrows(Refusal.class, () -> narrowed.decide(
                situation(request(RequestStatus.PENDING)), SECURITY, Verdict.APPROVE, "")).code());
        assertEquals("rule_no_longer_covers", assertThrows(Refusal.class, () -> narrowed.start(
                situation(request(RequestStatus.APPROVED), SECURITY, LEAD), REQUESTER)).code());
    }

    @Test
    void anAccountThatLeftTheCatalogIsNoLongerCovered() {
        RequestCore moved = new RequestCore(policy(POLICY_YAML.replace("111122223333", "999988887777")), MFA_METHODS, NOW);
        assertEquals("rule_no_longer_covers", assertThrows(Refusal.class, () -> moved.start(
                situation(request(RequestStatus.APPROVED), SECURITY, LEAD), REQUESTER)).code());
    }

    @Test
    void aWithdrawnRuleAllowsNothingMoreAndCountsNoVote() {
        RequestCore withdrawn = new RequestCore(policy(POLICY_YAML.replace("name: unlock", "name: other")), MFA_METHODS, NOW);
        RequestCore.Situation approved = situation(request(RequestStatus.APPROVED), SECURITY, LEAD);
        assertEquals("rule_withdrawn", assertThrows(Refusal.class, () -> withdrawn.start(approved, REQUESTER)).code());
        assertEquals(0, withdrawn.tally(approved, REQUESTER).counting());
        assertTrue(withdrawn.ruleWithdrawn(approved.request()));
    }

    @Test
    void aRequesterStillDecidedAboutByTheirLatestGroupsWhenSomeoneElseActs() {
        RequestCore.Situation pending = situation(request(RequestStatus.PENDING));
        pending.groupsSeen().put(REQUESTER.subject(), java.util.Set.of("marketing"));
        assertEquals("requester_no_longer_eligible", assertThrows(Refusal.class,
                () -> core().decide(pending, SECURITY, Verdict.APPROVE, "")).code());
    }

    @Test
    void aClosedRequestShowsItsStagesAsTheyWereMet() {
        RequestCore.Situation ended = situation(request(RequestStatus.ENDED), SECURITY, LEAD);
        ended.groupsSeen().put(LEAD.subject(), java.util.Set.of("marketing"));
        assertTrue(core().tally(ended, REQUESTER).met(), "the lead's groups when voting decide, not today's");
    }

    @Test
    void creatingFixesTheRuleStagesAndPendingDeadline() {
        RequestCore.Creation creation = core().create(REQUESTER, CoreFixtures.POLICY.account("111122223333").orElseThrow(),
                TaskPolicy.S3UnlockBucketPolicy, Optional.empty());
        assertEquals("unlock", creation.rule().name());
        assertEquals(creation.rule().stages(), creation.stages());
        assertEquals(NOW.plus(creation.rule().pendingTtl()), creation.pendingUntil());
    }

    @Test
    void creatingWithoutAMatchingRuleIsRefused() {
        assertEquals("no_matching_rule", assertThrows(Refusal.class, () -> core().create(SECURITY,
                CoreFixtures.POLICY.account("111122223333").orElseThrow(), TaskPolicy.S3UnlockBucketPolicy, Optional.empty())).code());
    }

}
