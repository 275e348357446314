package dev.rootgate.approval;

import java.util.Collection;
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
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.RequestQueries;
import dev.rootgate.request.RequestService;

/**
 * Requests as they are shown, read in one transaction (one pooled connection per read), with their votes judged
 * as they stand now, so that a list and a request page count the same approvals. It lives beside the decisions
 * because request cannot depend on approval.
 */
@ApplicationScoped
public class RequestReads {

    @Inject
    RequestService requests;
    @Inject
    RequestQueries queries;
    @Inject
    AuditLog audit;
    @Inject
    GroupsSeen groupsSeen;
    @Inject
    PolicyService policies;

    public record Detail(AccessRequest request, List<Entitlement.Vote> votes, List<AuditEvent> timeline) {
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
        return of(requests.get(caller, id));
    }

    /** The history of a request the caller has just acted on. */
    @Transactional
    public Detail of(AccessRequest request) {
        List<Decision> decisions = Decision.forRequest(request.id);
        return new Detail(request, judged(request, decisions), audit.forRequest(request.id));
    }

    @Transactional
    public Page list(Caller caller, RequestQueries.Filter filter) {
        RequestQueries.Result result = queries.list(caller, filter);
        Map<Long, List<Decision>> decisions = Decision.forRequests(result.items().stream().map(r -> r.id).toList());
        Map<Long, Long> approvals = result.items().stream().collect(Collectors.toMap(r -> r.id,
                r -> Entitlement.countingApprovals(judged(r, decisions.getOrDefault(r.id, List.of())))));
        return new Page(result.items(), result.total(), approvals);
    }

    private List<Entitlement.Vote> judged(AccessRequest request, List<Decision> decisions) {
        return Entitlement.judged(policies.current(), request, decisions, groupsSeen.of(approvers(decisions)));
    }

    private static Set<String> approvers(Collection<Decision> decisions) {
        return decisions.stream().map(d -> d.approverSubject).collect(Collectors.toSet());
    }
}
