package dev.rootgate.web.view;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.approval.Decision;
import dev.rootgate.approval.Entitlement;
import dev.rootgate.audit.AuditEvent;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.AccessRequest;

/** A request as the API and the pages show it. */
public record RequestView(long id, String status, String requester, String requesterName, String requesterUsername,
        String accountId,
        String accountName, String taskPolicy, String taskPolicyArn, String risk, String taskPolicySummary,
        List<String> taskPolicyAllows,
        String justification, String ticket, String rule, String policySha256, int approvalsRequired,
        long approvalsReceived, Instant createdAt, Instant pendingUntil, Instant approvedAt, Instant activateBy,
        Instant startedAt, Instant sessionExpiresAt, String accessKeyId, String sourceIp, long version,
        List<DecisionView> decisions, List<TimelineEntry> timeline) {

    /** One vote; {@code counts} is false (with the reason) when it no longer counts toward the quorum. */
    public record DecisionView(String approver, String approverName, String approverUsername, String decision,
            String comment, Instant decidedAt, String sourceIp, String mfaMethods, Instant mfaAuthTime, boolean counts,
            String notCountingReason) {
        static DecisionView of(Entitlement.Vote vote) {
            Decision d = vote.decision();
            return new DecisionView(d.approverSubject, d.approverName, usernameOr(d.approverUsername, d.approverSubject),
                    d.verdict.name(), d.comment, d.decidedAt, d.sourceIp, d.mfaMethods, d.mfaAuthTime, vote.counts(),
                    vote.reason());
        }
    }

    /**
     * An audit event, in the order the request's events were written; {@code seq} is its link in the hash chain,
     * null for the moments until it is sealed. The actor's name and username come from its details (absent on events
     * before usernames).
     */
    public record TimelineEntry(Long seq, Instant at, String actor, String actorName, String actorUsername,
            String action, String sourceIp, String details) {
        static TimelineEntry of(AuditEvent e) {
            JsonNode details = detailsOf(e);
            return new TimelineEntry(e.seq, e.occurredAt, e.actor, details.path("actorName").textValue(),
                    details.path("actorUsername").textValue(), e.action, e.sourceIp, e.details);
        }

        private static JsonNode detailsOf(AuditEvent e) {
            try {
                return DETAILS.readTree(e.details);
            } catch (JsonProcessingException unreadable) {
                throw new IllegalStateException("audit event " + e.id + " holds details that are not JSON", unreadable);
            }
        }
    }

    private static final ObjectMapper DETAILS = new ObjectMapper();

    /** Rows written before usernames were recorded show the subject instead. */
    private static String usernameOr(String username, String subject) {
        return username == null ? subject : username;
    }

    public static RequestView summary(AccessRequest r, Policy policy, long approvals) {
        return of(r, policy, approvals, List.of(), List.of());
    }

    public static RequestView detail(AccessRequest r, Policy policy, List<Entitlement.Vote> votes, List<AuditEvent> events) {
        return of(r, policy, Entitlement.countingApprovals(votes), votes.stream().map(DecisionView::of).toList(),
                events.stream().map(TimelineEntry::of).toList());
    }

    private static RequestView of(AccessRequest r, Policy policy, long approvals, List<DecisionView> decisions,
            List<TimelineEntry> timeline) {
        TaskPolicy taskPolicy = TaskPolicy.valueOf(r.taskPolicy);
        String accountName = policy.account(r.accountId).map(a -> a.name()).orElse("(no longer in the catalog)");
        return new RequestView(r.id, r.status.name(), r.requesterSubject, r.requesterName,
                usernameOr(r.requesterUsername, r.requesterSubject), r.accountId, accountName,
                r.taskPolicy, taskPolicy.arn(), taskPolicy.risk().name(), taskPolicy.summary(), taskPolicy.allowedActions(),
                r.justification,
                r.ticket, r.ruleName, r.policySha256, r.approvalsRequired, approvals, r.createdAt, r.pendingUntil,
                r.approvedAt, r.activateBy, r.startedAt, r.sessionExpiresAt, r.accessKeyId, r.sourceIp, r.version,
                decisions, timeline);
    }
}
