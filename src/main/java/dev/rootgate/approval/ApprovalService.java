package dev.rootgate.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.GroupsSeen;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.Rule;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.Lifecycle;
import dev.rootgate.request.RequestService;
import dev.rootgate.request.RequestStatus;

/**
 * Decisions, quorum and separation of duties: only members of the rule's approver groups decide, never on their
 * own request, once each; N distinct approvals that still count (see {@link Entitlement}) approve, one deny ends
 * the request.
 */
@ApplicationScoped
@RecordsRefusals
public class ApprovalService {

    static final int COMMENT_MAX = 2000;

    @Inject
    RequestService requests;
    @Inject
    Lifecycle lifecycle;
    @Inject
    AuditLog audit;
    @Inject
    MfaGate mfa;
    @Inject
    Clock clock;
    @Inject
    PolicyService policies;
    @Inject
    GroupsSeen groupsSeen;

    @Transactional
    public AccessRequest decide(Caller caller, long requestId, String verdictText, String commentText) {
        Verdict verdict = validVerdict(verdictText);
        String comment = validComment(verdict, commentText);

        AccessRequest request = requests.lockVisible(caller, requestId, "decide");
        Refusal.Builder refuse = Refusal.of(caller.actor(), "decide", request.id, request.accountId, request.taskPolicy)
                .with("verdict", verdict.name());
        Rule rule = requests.ruleOf(request, refuse);
        if (caller.subject().equals(request.requesterSubject)) {
            throw refuse.forbidden("self_approval", "you cannot decide on your own request");
        }
        if (!caller.inAnyOf(rule.approvers())) {
            throw refuse.forbidden("not_an_approver", "only members of " + rule.approvers() + " decide on rule " + rule.name());
        }
        mfa.require(caller, rule.mfaMaxAge().decide(), refuse);
        RequestService.requireSource(caller, rule, refuse);
        Instant now = clock.instant();
        if (request.status != RequestStatus.PENDING) {
            throw refuse.conflict("not_pending", "the request is " + request.status + ", no longer open for decisions");
        }
        if (!now.isBefore(request.pendingUntil)) {
            throw refuse.conflict("request_expired", "the request waited past its pending deadline");
        }
        List<Decision> earlier = Decision.forRequest(request.id);
        if (earlier.stream().anyMatch(d -> d.approverSubject.equals(caller.subject()))) {
            throw refuse.conflict("already_decided", "you have already decided on this request");
        }
        Map<String, Set<String>> groupsNow = new HashMap<>(groupsSeen.of(Stream.concat(Stream.of(request.requesterSubject),
                earlier.stream().map(d -> d.approverSubject)).toList()));
        groupsNow.put(caller.subject(), caller.groups());
        rule = Entitlement.standingRule(policies.current(), request,
                groupsNow.getOrDefault(request.requesterSubject, Set.of()), refuse);

        Decision decision = new Decision();
        decision.requestId = request.id;
        decision.approverSubject = caller.subject();
        decision.approverName = caller.name();
        decision.approverUsername = caller.username();
        decision.verdict = verdict;
        decision.comment = comment;
        decision.decidedAt = now;
        decision.sourceIp = caller.sourceIp();
        decision.mfaMethods = caller.mfa().methodsText();
        decision.mfaAuthTime = caller.mfa().authTime().orElseThrow();
        decision.persist();
        List<Decision> all = Stream.concat(earlier.stream(), Stream.of(decision)).toList();
        long approvals = Entitlement.countingApprovals(Entitlement.votes(rule, all, groupsNow));
        audit.append(caller.actor(), "decision.recorded", Lifecycle.subjectOf(request), Map.of(
                "verdict", verdict.name(), "comment", comment, "approvals", approvals,
                "approvalsRequired", request.approvalsRequired, "mfaMethods", decision.mfaMethods,
                "mfaAuthTime", decision.mfaAuthTime.toString()));

        if (verdict == Verdict.DENY) {
            lifecycle.move(request, RequestStatus.DENIED, caller.actor(), Map.of("comment", comment));
        } else if (approvals >= request.approvalsRequired) {
            request.activateBy = now.plus(rule.activationWindow());
            lifecycle.move(request, RequestStatus.APPROVED, caller.actor(),
                    Map.of("approvals", approvals, "activateBy", request.activateBy.toString()));
        }
        return request;
    }

    private static Verdict validVerdict(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("decision", "is required: APPROVE or DENY");
        }
        try {
            return Verdict.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("decision", "must be APPROVE or DENY");
        }
    }

    private static String validComment(Verdict verdict, String text) {
        String comment = text == null ? "" : text.strip();
        if (comment.length() > COMMENT_MAX) {
            throw new InvalidInput("comment", "at most " + COMMENT_MAX + " characters");
        }
        if (verdict == Verdict.DENY && comment.isEmpty()) {
            throw new InvalidInput("comment", "a deny needs a reason the requester can read");
        }
        return InvalidInput.plainText("comment", comment);
    }
}
