package dev.rootgate.request;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.GroupsSeen;
import dev.rootgate.policy.PolicyService;

/**
 * Requests as they are shown, read in one transaction (one pooled connection per read), their votes tallied and
 * the caller's moves answered by {@link RequestCore}, so that a list, a request page and the API agree.
 */
@ApplicationScoped
public class RequestReads {

    @Inject
    RequestStore store;
    @Inject
    RequestQueries queries;
    @Inject
    AuditLog audit;
    @Inject
    GroupsSeen groupsSeen;
    @Inject
    PolicyService policies;

    /**
     * A request with its votes as they stand, what the caller may do, and its history as the caller may see it. Source
     * addresses and other people's refusals are for auditors and admins ({@code overseer}); anyone else sees only
     * the addresses of their own actions ({@link #seesAddressOf}).
     */
    public record Detail(AccessRequest request, List<Decision> decisions, Quorum.Tally tally, boolean ruleWithdrawn,
            Allowed allowed, List<AuditEvent> timeline, String viewer, boolean overseer) {

        public boolean seesAddressOf(String subject) {
            return overseer || viewer.equals(subject);
        }
    }

    /** A page of requests, the total matching, and the approvals that count on each. */
    public record Page(List<AccessRequest> items, long total, Map<Long, Long> approvals) {
        public long approvalsOf(AccessRequest request) {
            return approvals.getOrDefault(request.id, 0L);
        }
    }

    /** The request if the caller may see it (404 otherwise), with its history. */
    @Transactional
    public Detail detail(Caller caller, long id) {
        return of(caller, store.visible(caller, id));
    }

    /** The history of a request the caller has just acted on. */
    @Transactional
    public Detail of(Caller caller, AccessRequest request) {
        return of(caller, store.situationOf(request));
    }

    /**
     * A request the caller has just created, in the creating transaction: it has no decisions yet, its requester's
     * groups are the caller's own, and its history is the one event written with it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Detail created(Caller caller, AccessRequest request, AuditEvent createdEvent) {
        return of(caller, new RequestCore.Situation(request, List.of(), Map.of(caller.subject(), caller.groups())),
                List.of(createdEvent));
    }

    private Detail of(Caller caller, RequestCore.Situation situation) {
        return of(caller, situation, audit.forRequest(situation.request().id));
    }

    private Detail of(Caller caller, RequestCore.Situation situation, List<AuditEvent> events) {
        AccessRequest request = situation.request();
        RequestCore core = store.core();
        boolean overseer = Access.isOverseer(caller, policies.current());
        List<AuditEvent> timeline = events.stream()
                .filter(event -> overseer || !"refused".equals(event.action) || caller.subject().equals(event.actor))
                .toList();
        return new Detail(request, situation.decisions(), core.tally(situation, caller), core.ruleWithdrawn(request),
                core.allowedActions(situation, caller), timeline, caller.subject(), overseer);
    }

    @Transactional
    public Page list(Caller caller, RequestQueries.Filter filter) {
        RequestQueries.Result result = queries.list(caller, filter);
        Map<Long, List<Decision>> decisions = Decision.forRequests(result.items().stream().map(r -> r.id).toList());
        Map<String, Set<String>> groups = groupsSeen.of(decisions.values().stream().flatMap(List::stream)
                .map(d -> d.approverSubject).collect(Collectors.toSet()));
        RequestCore core = store.core();
        Map<Long, Long> approvals = result.items().stream().collect(Collectors.toMap(r -> r.id,
                r -> core.tally(new RequestCore.Situation(r, decisions.getOrDefault(r.id, List.of()), groups), caller)
                        .counting()));
        return new Page(result.items(), result.total(), approvals);
    }
}
