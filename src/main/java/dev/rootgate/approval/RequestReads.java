package dev.rootgate.approval;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Caller;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.RequestService;

/**
 * A request with its decisions and its audit timeline, read in one transaction: one pooled connection per read,
 * however the request is shown. It lives beside the decisions because request cannot depend on approval.
 */
@ApplicationScoped
public class RequestReads {

    @Inject
    RequestService requests;
    @Inject
    AuditLog audit;

    public record Detail(AccessRequest request, List<Decision> decisions, List<AuditEvent> timeline) {
    }

    /** The request if the caller may see it (404 otherwise), with its history. */
    @Transactional
    public Detail detail(Caller caller, long id) {
        return of(requests.get(caller, id));
    }

    /** The history of a request the caller has just acted on. */
    @Transactional
    public Detail of(AccessRequest request) {
        return new Detail(request, Decision.forRequest(request.id), audit.forRequest(request.id));
    }
}
