package dev.rootgate.approval;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rootgate.policy.Account;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.Refusal;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.RequestStatus;

/**
 * Every step is decided under the policy and the identities of now: the rule a request was made under, as the
 * current policy file defines it, must still cover its account and task policy and still let its requester
 * request; and a vote counts only while its approver still belongs to one of the rule's approver groups.
 * Only a person's own token proves their groups, so "now" is, for the caller, this request's token, and for
 * anyone else, the groups their latest token showed (see {@code GroupsSeen}).
 */
public final class Entitlement {

    /** A decision and whether it counts toward the quorum today; the reason says why not. */
    public record Vote(Decision decision, boolean counts, String reason) {
    }

    private static final Set<RequestStatus> IN_PLAY = EnumSet.of(RequestStatus.PENDING, RequestStatus.APPROVED);

    private Entitlement() {
    }

    /**
     * The votes on a request as they stand now: on a request still in play each is judged by its approver's groups
     * now (none count once the rule is withdrawn); on a closed request they are the record of what happened.
     */
    public static List<Vote> judged(Policy policy, AccessRequest request, List<Decision> decisions,
            Map<String, Set<String>> groupsNow) {
        if (!IN_PLAY.contains(request.status)) {
            return decisions.stream().map(d -> new Vote(d, true, null)).toList();
        }
        return policy.rule(request.ruleName).map(rule -> votes(rule, decisions, groupsNow))
                .orElseGet(() -> decisions.stream().map(d -> new Vote(d, false, "rule_withdrawn")).toList());
    }

    /** The request's rule if it still covers the request and its requester; otherwise the named refusal. */
    public static Rule standingRule(Policy policy, AccessRequest request, Set<String> requesterGroups,
            Refusal.Builder refuse) {
        Rule rule = policy.rule(request.ruleName).orElseThrow(() -> refuse.conflict("rule_withdrawn",
                "rule " + request.ruleName + " is no longer in the policy file"));
        Account account = policy.account(request.accountId).orElseThrow(() -> refuse.conflict("rule_no_longer_covers",
                "account " + request.accountId + " is no longer in the catalog"));
        if (!rule.covers(TaskPolicy.valueOf(request.taskPolicy), account)) {
            throw refuse.conflict("rule_no_longer_covers", "rule " + rule.name() + " no longer covers "
                    + request.taskPolicy + " on " + request.accountId);
        }
        if (!rule.requestableBy(requesterGroups)) {
            throw refuse.forbidden("requester_no_longer_eligible", "the requester is no longer in any of "
                    + rule.requesters() + ", the groups that may request under rule " + rule.name());
        }
        return rule;
    }

    /** Each decision, judged by its approver's groups now (a subject never seen has none). */
    public static List<Vote> votes(Rule rule, List<Decision> decisions, Map<String, Set<String>> groupsNow) {
        return decisions.stream().map(decision -> {
            boolean eligible = rule.approvableBy(groupsNow.getOrDefault(decision.approverSubject, Set.of()));
            return new Vote(decision, eligible, eligible ? null : "approver_no_longer_eligible");
        }).toList();
    }

    public static long countingApprovals(List<Vote> votes) {
        return votes.stream().filter(vote -> vote.counts() && vote.decision().verdict == Verdict.APPROVE).count();
    }
}
