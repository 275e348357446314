package dev.rootgate.web.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.approval.Decision;
import dev.rootgate.approval.Verdict;
import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.GroupsSeen;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.request.AccessRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Builds views for the API and the pages alike. */
@ApplicationScoped
public class RequestViews {

    @Inject
    PolicyService policies;
    @Inject
    AuditLog audit;
    @Inject
    GroupsSeen groupsSeen;

    public RequestView detail(AccessRequest request) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<Decision> decisions = Decision.forRequest(request.id);
            return RequestView.detail(request, policies.current(), decisions,
                    groupsSeen.of(decisions.stream().map(d -> d.approverSubject).toList()), audit.forRequest(request.id));
        });
    }

    public List<RequestView> summaries(List<AccessRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> approvals = new HashMap<>();
        QuarkusTransaction.joiningExisting().run(() -> Decision.getEntityManager().createQuery(
                "select d.requestId, count(d) from Decision d where d.requestId in :ids and d.verdict = :approve"
                        + " group by d.requestId", Object[].class)
                .setParameter("ids", requests.stream().map(r -> r.id).toList())
                .setParameter("approve", Verdict.APPROVE)
                .getResultList().forEach(row -> approvals.put((Long) row[0], (Long) row[1])));
        return requests.stream()
                .map(r -> RequestView.summary(r, policies.current(), approvals.getOrDefault(r.id, 0L)))
                .toList();
    }
}
