package dev.rootgate.request;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.rootgate.identity.Caller;
import dev.rootgate.identity.GroupsSeen;
import dev.rootgate.identity.MfaConfig;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.problem.Problem;
import dev.rootgate.problem.Refusal;

/**
 * Loads requests with what {@link RequestCore} decides on, and builds the core for the policy, MFA settings and
 * time of now. Every writer of a request locks it here first, so concurrent decisions, starts and cancellations
 * see each other's effects: no lost vote, no double count, no double start.
 */
@ApplicationScoped
public class RequestStore {

    @Inject
    PolicyService policies;
    @Inject
    GroupsSeen groupsSeen;
    @Inject
    MfaConfig mfa;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    public RequestCore core() {
        // PostgreSQL keeps microseconds: times decided at that precision read back as they were answered.
        return new RequestCore(policies.current(), mfa.methods(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** The request, row-locked, if the caller may see it; a 404 refusal of {@code attempt} otherwise. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RequestCore.Situation lockVisible(Caller caller, long id, String attempt) {
        AccessRequest request = em.find(AccessRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !Access.canSee(caller, request, policies.current())) {
            throw Refusal.of(caller.actor(), attempt, id, null, null).notFound("request " + id);
        }
        return situationOf(request);
    }

    /** The request, row-locked, for a move rootgate makes itself (a start's result). */
    @Transactional(Transactional.TxType.MANDATORY)
    public AccessRequest lock(long id) {
        return em.find(AccessRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The request if the caller may see it (404 otherwise). Reading is not audited. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AccessRequest visible(Caller caller, long id) {
        AccessRequest request = AccessRequest.findById(id);
        if (request == null || !Access.canSee(caller, request, policies.current())) {
            throw Problem.notFound("request " + id);
        }
        return request;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RequestCore.Situation situationOf(AccessRequest request) {
        List<Decision> decisions = Decision.forRequest(request.id);
        return new RequestCore.Situation(request, decisions, groupsSeen.of(Stream.concat(
                Stream.of(request.requesterSubject), decisions.stream().map(d -> d.approverSubject))
                .collect(Collectors.toSet())));
    }
}
