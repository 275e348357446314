package dev.rootgate.web.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.Allowed;
import dev.rootgate.request.Decision;
import dev.rootgate.request.Quorum;
import dev.rootgate.request.RequestReads;

/** A request as the API and the pages show it. */
public record RequestView(long id, String status, String requester, String requesterName, String requesterUsername,
        String accountId,
        String accountName, String taskPolicy, String taskPolicyArn, String risk, String taskPolicySummary,
        List<String> taskPolicyAllows,
        String justification, String ticket, String rule, String policySha256, int approvalsRequired,
        long approvalsReceived, Instant createdAt, Instant pendingUntil, Instant approvedAt, Instant activateBy,
        Instant startedAt, Instant sessionExpiresAt, String accessKeyId, String sourceIp, long version,
        List<StageView> stages, List<DecisionView> decisions, Allowed allowedActions, List<TimelineEntry> timeline) {

    /**
     * One vote. An approval that {@code counts} fills a place in {@code stage} (1-based); one that does not says
     * why: {@code approver_no_longer_eligible}, {@code rule_withdrawn}, or {@code beyond_need} (every stage it could
     * fill was already met).
     */
    public record DecisionView(String approver, String approverName, String approverUsername, String decision,
            String comment, Instant decidedAt, String sourceIp, String mfaMethods, Instant mfaAuthTime, boolean counts,
            Integer stage, String notCountingReason) {
        static DecisionView of(Decision d, Quorum.Standing standing, boolean ruleWithdrawn, boolean showAddress) {
            String reason = switch (standing.kind()) {
                case COUNTS, DENY -> null;
                case BEYOND_NEED -> "beyond_need";
                case NOT_ELIGIBLE -> ruleWithdrawn ? "rule_withdrawn" : "approver_no_longer_eligible";
            };
            return new DecisionView(d.approverSubject, d.approverName, usernameOr(d.approverUsername, d.approverSubject),
                    d.verdict.name(), d.comment, d.decidedAt, showAddress ? d.sourceIp : null, d.mfaMethods, d.mfaAuthTime,
                    standing.counts(), standing.counts() ? standing.stage() : null, reason);
        }

        /** An approval that once counted and no longer does (not one that was simply not needed). */
        public boolean struckOut() {
            return notCountingReason != null && !"beyond_need".equals(notCountingReason);
        }
    }

    /** A stage of the quorum: how many from which groups, who fills it, and how many are missing. */
    public record StageView(int number, List<String> groups, int count, List<Person> approvers, int missing) {
    }

    /** Someone as every page names them: the free-text name and the stable username, and the subject for the API. */
    public record Person(String subject, String name, String username) {
    }

    /**
     * An audit event, in the order the request's events were written; {@code seq} is its link in the hash chain,
     * null for the moments until it is sealed. The actor's name and username come from its details (absent on events
     * before usernames). The source address is null where the viewer may not see it.
     */
    public record TimelineEntry(Long seq, Instant at, String actor, String actorName, String actorUsername,
            String action, String summary, String sourceIp, String details) {
        static TimelineEntry of(AuditEvent e, boolean showAddress) {
            JsonNode details = detailsOf(e);
            return new TimelineEntry(e.seq, e.occurredAt, e.actor, details.path("actorName").textValue(),
                    details.path("actorUsername").textValue(), e.action, EventWords.of(e.action, details),
                    showAddress ? e.sourceIp : null, e.details);
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
        return of(r, policy, approvals, List.of(), List.of(), null, List.of());
    }

    public static RequestView detail(RequestReads.Detail read, Policy policy) {
        Map<String, Person> people = read.decisions().stream().collect(Collectors.toMap(d -> d.approverSubject,
                d -> new Person(d.approverSubject, d.approverName, usernameOr(d.approverUsername, d.approverSubject))));
        List<StageView> stages = new ArrayList<>();
        for (Quorum.StageProgress progress : read.tally().stages()) {
            stages.add(new StageView(stages.size() + 1, List.copyOf(progress.stage().groups()), progress.stage().count(),
                    progress.approvers().stream().map(people::get).toList(), progress.missing()));
        }
        List<DecisionView> decisions = read.decisions().stream()
                .map(d -> DecisionView.of(d, read.tally().standings().get(d.approverSubject), read.ruleWithdrawn(),
                        read.seesAddressOf(d.approverSubject)))
                .toList();
        RequestView view = of(read.request(), policy, read.tally().counting(), stages, decisions, read.allowed(),
                read.timeline().stream().map(e -> TimelineEntry.of(e, read.seesAddressOf(e.actor))).toList());
        return read.seesAddressOf(read.request().requesterSubject) ? view : view.withoutSourceIp();
    }

    private RequestView withoutSourceIp() {
        return new RequestView(id, status, requester, requesterName, requesterUsername, accountId, accountName, taskPolicy,
                taskPolicyArn, risk, taskPolicySummary, taskPolicyAllows, justification, ticket, rule, policySha256,
                approvalsRequired, approvalsReceived, createdAt, pendingUntil, approvedAt, activateBy, startedAt,
                sessionExpiresAt, accessKeyId, null, version, stages, decisions, allowedActions, timeline);
    }

    private static RequestView of(AccessRequest r, Policy policy, long approvals, List<StageView> stages,
            List<DecisionView> decisions, Allowed allowed, List<TimelineEntry> timeline) {
        TaskPolicy taskPolicy = TaskPolicy.valueOf(r.taskPolicy);
        String accountName = policy.account(r.accountId).map(a -> a.name()).orElse("(no longer in the catalog)");
        return new RequestView(r.id, r.status.name(), r.requesterSubject, r.requesterName,
                usernameOr(r.requesterUsername, r.requesterSubject), r.accountId, accountName,
                r.taskPolicy, taskPolicy.arn(), taskPolicy.risk().name(), taskPolicy.summary(), taskPolicy.allowedActions(),
                r.justification,
                r.ticket, r.ruleName, r.policySha256, r.approvalsRequired, approvals, r.createdAt, r.pendingUntil,
                r.approvedAt, r.activateBy, r.startedAt, r.sessionExpiresAt, r.accessKeyId, r.sourceIp, r.version,
                stages, decisions, allowed, timeline);
    }
}
