package dev.rootgate.web.api;

import java.time.Instant;
import java.util.List;

import dev.rootgate.approval.Decision;
import dev.rootgate.approval.Verdict;
import dev.rootgate.audit.AuditEvent;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.AccessRequest;

/** A request as the API and the pages show it. */
public record RequestView(long id, String status, String requester, String requesterName, String accountId,
        String accountName, String taskPolicy, String taskPolicyArn, String risk, String taskPolicySummary,
        List<String> taskPolicyAllows,
        String justification, String ticket, String rule, String policySha256, int approvalsRequired,
        long approvalsReceived, Instant createdAt, Instant pendingUntil, Instant approvedAt, Instant activateBy,
        Instant startedAt, Instant sessionExpiresAt, String accessKeyId, String sourceIp, long version,
        List<DecisionView> decisions, List<TimelineEntry> timeline) {

    public record DecisionView(String approver, String approverName, String decision, String comment, Instant decidedAt,
            String sourceIp, String mfaMethods, Instant mfaAuthTime) {
        static DecisionView of(Decision d) {
            return new DecisionView(d.approverSubject, d.approverName, d.verdict.name(), d.comment, d.decidedAt,
                    d.sourceIp, d.mfaMethods, d.mfaAuthTime);
        }
    }

    public record TimelineEntry(long seq, Instant at, String actor, String action, String sourceIp, String details) {
        static TimelineEntry of(AuditEvent e) {
            return new TimelineEntry(e.seq, e.occurredAt, e.actor, e.action, e.sourceIp, e.details);
        }
    }

    public static RequestView summary(AccessRequest r, Policy policy, long approvals) {
        return of(r, policy, approvals, List.of(), List.of());
    }

    public static RequestView detail(AccessRequest r, Policy policy, List<Decision> decisions, List<AuditEvent> events) {
        long approvals = decisions.stream().filter(d -> d.verdict == Verdict.APPROVE).count();
        return of(r, policy, approvals, decisions.stream().map(DecisionView::of).toList(),
                events.stream().map(TimelineEntry::of).toList());
    }

    private static RequestView of(AccessRequest r, Policy policy, long approvals, List<DecisionView> decisions,
            List<TimelineEntry> timeline) {
        TaskPolicy taskPolicy = TaskPolicy.valueOf(r.taskPolicy);
        String accountName = policy.account(r.accountId).map(a -> a.name()).orElse("(no longer in the catalog)");
        return new RequestView(r.id, r.status.name(), r.requesterSubject, r.requesterName, r.accountId, accountName,
                r.taskPolicy, taskPolicy.arn(), taskPolicy.risk().name(), taskPolicy.summary(), taskPolicy.allowedActions(),
                r.justification,
                r.ticket, r.ruleName, r.policySha256, r.approvalsRequired, approvals, r.createdAt, r.pendingUntil,
                r.approvedAt, r.activateBy, r.startedAt, r.sessionExpiresAt, r.accessKeyId, r.sourceIp, r.version,
                decisions, timeline);
    }
}
