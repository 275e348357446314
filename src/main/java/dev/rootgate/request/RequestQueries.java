package dev.rootgate.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.rootgate.identity.Caller;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyService;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Lists of requests, newest first, limited to what the caller may see.
 */
@ApplicationScoped
public class RequestQueries {

    @Inject
    PolicyService policies;

    public record Filter(Optional<RequestStatus> status, boolean mine, boolean awaitingMe, boolean decidedByMe,
            int page, int size) {
    }

    /** A page of requests and the total matching. */
    public record Result(List<AccessRequest> items, long total) {
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
        if (filter.decidedByMe()) {
            where.append(" and exists (from Decision d where d.requestId = r.id and d.approverSubject = :me)");
            params.put("me", caller.subject());
        }
        filter.status().ifPresent(status -> {
            where.append(" and r.status = :status");
            params.put("status", status);
        });
        var query = AccessRequest.<AccessRequest>find(where.toString(), Sort.descending("r.id"), params);
        List<AccessRequest> items = query.page(Page.of(filter.page(), filter.size())).list();
        return new Result(items, query.count());
    }
}
