package dev.rootgate.approval;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.rootgate.identity.Actor;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyParser;
import dev.rootgate.problem.Refusal;
import dev.rootgate.request.AccessRequest;

/** The rule of "the policy and the identities of now", without HTTP or a database. */
class EntitlementTest {

    private static final String POLICY = """
            accounts:
              - {id: "111122223333", name: prod, ou: prod}
            rules:
              - name: r
                taskPolicies: [IAMAuditRootUserCredentials]
                accounts: ["ou:prod"]
                requesters: [engineers]
                approvers: [approvers, leads]
                approvals: 2
            """;

    private static Policy policy(String yaml) {
        return PolicyParser.parse("entitlement.yaml", yaml.getBytes(UTF_8));
    }

    private static AccessRequest request() {
        AccessRequest request = new AccessRequest();
        request.ruleName = "r";
        request.accountId = "111122223333";
        request.taskPolicy = "IAMAuditRootUserCredentials";
        return request;
    }

    private static Refusal.Builder refuse() {
        return Refusal.of(new Actor("s", "n", "u", "10.0.0.1"), "start", 1L, "111122223333", "IAMAuditRootUserCredentials");
    }

    private static Decision approval(String approver) {
        Decision decision = new Decision();
        decision.approverSubject = approver;
        decision.verdict = Verdict.APPROVE;
        return decision;
    }

    @Test
    void requesterStillInARequesterGroupStands() {
        assertEquals("r", Entitlement.standingRule(policy(POLICY), request(), Set.of("engineers"), refuse()).name());
    }

    @Test
    void requesterInNoRequesterGroupIsRefused() {
        Refusal refusal = assertThrows(Refusal.class,
                () -> Entitlement.standingRule(policy(POLICY), request(), Set.of("contractors"), refuse()));
        assertEquals("requester_no_longer_eligible", refusal.code());
    }

    @Test
    void taskPolicyOrAccountNoLongerCoveredIsRefused() {
        Policy withoutTask = policy(POLICY.replace("[IAMAuditRootUserCredentials]", "[S3UnlockBucketPolicy]"));
        assertEquals("rule_no_longer_covers", assertThrows(Refusal.class,
                () -> Entitlement.standingRule(withoutTask, request(), Set.of("engineers"), refuse())).code());
        Policy otherAccount = policy(POLICY.replace("111122223333", "999988887777"));
        assertEquals("rule_no_longer_covers", assertThrows(Refusal.class,
                () -> Entitlement.standingRule(otherAccount, request(), Set.of("engineers"), refuse())).code());
    }

    @Test
    void ruleGoneIsWithdrawn() {
        Policy renamed = policy(POLICY.replace("name: r", "name: s"));
        assertEquals("rule_withdrawn", assertThrows(Refusal.class,
                () -> Entitlement.standingRule(renamed, request(), Set.of("engineers"), refuse())).code());
    }

    @Test
    void onlyVotesOfCurrentApproversCount() {
        Policy policy = policy(POLICY);
        List<Entitlement.Vote> votes = Entitlement.votes(policy.rule("r").orElseThrow(),
                List.of(approval("stays"), approval("left"), approval("never-seen")),
                Map.of("stays", Set.of("leads"), "left", Set.of("engineers")));
        assertEquals(List.of(true, false, false), votes.stream().map(Entitlement.Vote::counts).toList());
        assertEquals("approver_no_longer_eligible", votes.get(1).reason());
        assertEquals(1, Entitlement.countingApprovals(votes));
    }
}
