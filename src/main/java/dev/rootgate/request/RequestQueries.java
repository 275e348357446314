package dev.rootgate.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.rootgate.identity.Caller;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyService;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Lists of requests, newest first, limited to what the caller may see: one read transaction, so one pooled
 * connection, for the page, its total and its approval counts.
 */
@ApplicationScoped
public class RequestQueries {

    @Inject
    PolicyService policies;
    @Inject
    EntityManager em;

    public record Filter(Optional<RequestStatus> status, boolean mine, boolean awaitingMe, int page, int size) {
    }

    /** A page of requests, the total matching, and the approvals each request has received so far. */
    public record Result(List<AccessRequest> items, long total, Map<Long, Long> approvals) {
        public long approvalsOf(AccessRequest request) {
            return approvals.getOrDefault(request.id, 0L);
        }
    }

    @Transactional
    public Result list(Caller caller, Filter filter) {
        Policy policy = policies.current();
        Set<String> approvable = policy.rulesApprovableBy(caller.groups());
        StringBuilder where = new StringBuilder("from AccessRequest r where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!Access.isOverseer(caller, policy)) {
            if (approvable.isEmpty()) {
                where.append(" and r.requesterSubject = :me");
            } else {
                where.append(" and (r.requesterSubject = :me or r.ruleName in :approvable)");
                params.put("approvable", approvable);
            }
            params.put("me", caller.subject());
        }
        if (filter.mine()) {
            where.append(" and r.requesterSubject = :me");
            params.put("me", caller.subject());
        }
        if (filter.awaitingMe()) {
            where.append(" and r.status = :pending and r.ruleName in :approvable and r.requesterSubject <> :me"
                    + " and not exists (from Decision d where d.requestId = r.id and d.approverSubject = :me)");
            params.put("pending", RequestStatus.PENDING);
            params.put("approvable", approvable.isEmpty() ? Set.of("") : approvable);
            params.put("me", caller.subject());
        }
        filter.status().ifPresent(status -> {
            where.append(" and r.status = :status");
            params.put("status", status);
        });
        var query = AccessRequest.<AccessRequest>find(where.toString(), Sort.descending("r.id"), params);
        List<AccessRequest> items = query.page(Page.of(filter.page(), filter.size())).list();
        return new Result(items, query.count(), approvals(items));
    }

    private Map<Long, Long> approvals(List<AccessRequest> requests) {
        Map<Long, Long> approvals = new HashMap<>();
        if (requests.isEmpty()) {
            return approvals;
        }
        em.createQuery("select d.requestId, count(d) from Decision d where d.requestId in :ids"
                        + " and d.verdict = dev.rootgate.approval.Verdict.APPROVE group by d.requestId", Object[].class)
                .setParameter("ids", requests.stream().map(r -> r.id).toList())
                .getResultList().forEach(row -> approvals.put((Long) row[0], (Long) row[1]));
        return approvals;
    }
}
