package dev.rootgate.request;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Actor;

/**
 * The one place where a request changes status. Each move checks the edge against {@link RequestStatus#next()},
 * stamps the time that belongs to it, and writes its audit event in the same transaction. Each event is also fired
 * as a {@link RequestEvent} in that transaction, for whoever reports it elsewhere (notifications).
 */
@ApplicationScoped
public class Lifecycle {

    @Inject
    AuditLog audit;
    @Inject
    Clock clock;
    @Inject
    Event<RequestEvent> events;

    @Transactional(Transactional.TxType.MANDATORY)
    public void move(AccessRequest request, RequestStatus target, Actor actor, Map<String, ?> details) {
        RequestStatus from = request.status;
        if (!from.canMoveTo(target)) {
            throw new IllegalStateException("request " + request.id + " cannot move from " + from + " to " + target);
        }
        Instant now = clock.instant();
        switch (target) {
            case APPROVED -> {
                if (from == RequestStatus.PENDING) {
                    request.approvedAt = now;
                }
                request.claimedAt = null;
            }
            case PENDING -> {
                request.approvedAt = null;
                request.activateBy = null;
            }
            case STARTING -> request.claimedAt = now;
            case ACTIVE -> request.startedAt = now;
            default -> {
            }
        }
        if (!target.isOpen()) {
            request.closedAt = now;
        }
        request.status = target;
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("from", from.name());
        all.put("to", target.name());
        record(request, actor, "request." + target.name().toLowerCase(), all);
    }

    /** Writes what the core decided: its events, then its moves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(AccessRequest request, Outcome outcome, Actor actor) {
        for (Outcome.Event event : outcome.events()) {
            record(request, actor, event.action(), event.details());
        }
        for (Outcome.Step step : outcome.steps()) {
            if (step.activateBy() != null) {
                request.activateBy = step.activateBy();
            }
            move(request, step.to(), actor, step.details());
        }
    }

    /** The audit event of something that happened to a request, and its {@link RequestEvent}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(AccessRequest request, Actor actor, String action, Map<String, ?> details) {
        AuditEvent event = audit.append(actor, action, subjectOf(request), details);
        events.fire(new RequestEvent(request, action, actor, new LinkedHashMap<>(details)));
        return event;
    }

    public static AuditLog.Subject subjectOf(AccessRequest request) {
        return new AuditLog.Subject(request.id, request.accountId, request.taskPolicy);
    }
}
