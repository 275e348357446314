package dev.rootgate.web.view;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.request.RequestReads;
import dev.rootgate.identity.Caller;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.request.AccessRequest;

/** Builds views for the API and the pages alike from what one read returned. */
@ApplicationScoped
public class RequestViews {

    @Inject
    PolicyService policies;
    @Inject
    RequestReads reads;

    public RequestView detail(Caller caller, long id) {
        return detail(reads.detail(caller, id));
    }

    public RequestView detail(Caller caller, AccessRequest request) {
        return detail(reads.of(caller, request));
    }

    public List<RequestView> summaries(RequestReads.Page page) {
        return page.items().stream()
                .map(r -> RequestView.summary(r, policies.current(), page.approvalsOf(r)))
                .toList();
    }

    public RequestView detail(RequestReads.Detail read) {
        return RequestView.detail(read, policies.current());
    }
}
