package dev.rootgate.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.identity.Caller;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyService;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Lists of requests, newest first, limited to what the caller may see. */
@ApplicationScoped
public class RequestQueries {

    @Inject
    PolicyService policies;

    public record Filter(Optional<RequestStatus> status, boolean mine, boolean awaitingMe, int page, int size) {
    }

    public record Result(List<AccessRequest> items, long total) {
    }

    public Result list(Caller caller, Filter filter) {
        Policy policy = policies.current();
        Set<String> approvable = policy.rulesApprovableBy(caller.groups());
        StringBuilder where = new StringBuilder("from AccessRequest r where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        params.put("me", caller.subject());
        if (!Access.isOverseer(caller, policy)) {
            where.append(approvable.isEmpty() ? " and r.requesterSubject = :me"
                    : " and (r.requesterSubject = :me or r.ruleName in :approvable)");
        }
        if (filter.mine()) {
            where.append(" and r.requesterSubject = :me");
        }
        if (filter.awaitingMe() && approvable.isEmpty()) {
            where.append(" and 1 = 0");
        } else if (filter.awaitingMe()) {
            where.append(" and r.status = :pending and r.ruleName in :approvable and r.requesterSubject <> :me"
                    + " and not exists (from Decision d where d.requestId = r.id and d.approverSubject = :me)");
            params.put("pending", RequestStatus.PENDING);
        }
        filter.status().ifPresent(status -> {
            where.append(" and r.status = :status");
            params.put("status", status);
        });
        if (where.indexOf(":approvable") >= 0) {
            params.put("approvable", approvable);
        }
        var query = AccessRequest.<AccessRequest>find(where.toString(), Sort.descending("r.id"), params);
        return new Result(query.page(Page.of(filter.page(), filter.size())).list(), query.count());
    }
}
