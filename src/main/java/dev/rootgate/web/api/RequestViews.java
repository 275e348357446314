package dev.rootgate.web.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.approval.Decision;
import dev.rootgate.approval.Verdict;
import dev.rootgate.audit.AuditLog;
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

    public RequestView detail(AccessRequest request) {
        return QuarkusTransaction.joiningExisting().call(() -> RequestView.detail(request, policies.current(),
                Decision.forRequest(request.id), audit.forRequest(request.id)));
    }

    public List<RequestView> summaries(List<AccessRequest> requests) {
        return QuarkusTransaction.joiningExisting().call(() -> requests.stream()
                .map(r -> RequestView.summary(r, policies.current(),
                        Decision.count("requestId = ?1 and verdict = ?2", r.id, Verdict.APPROVE)))
                .toList());
    }
}
