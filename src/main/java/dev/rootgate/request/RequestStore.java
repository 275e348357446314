package dev.rootgate.request;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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

    /** The statuses of {@link RequestStatus#OPEN} as SQL literals, as the unique index {@code access_request_one_open} names them. */
    private static final String OPEN_STATUSES = RequestStatus.OPEN.stream().map(status -> "'" + status.name() + "'")
            .sorted().collect(Collectors.joining(", ", "(", ")"));

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

    /**
     * The requester's open request for this account and task policy, if any: the id alone, read with the predicate of
     * the unique index that admits one (no entity is loaded for a check that usually finds nothing).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> openRequestOf(String requesterSubject, String accountId, String taskPolicy) {
        List<?> ids = em.createNativeQuery("SELECT id FROM access_request WHERE requester_subject = ?1"
                        + " AND account_id = ?2 AND task_policy = ?3 AND status IN " + OPEN_STATUSES + " LIMIT 1")
                .setParameter(1, requesterSubject).setParameter(2, accountId).setParameter(3, taskPolicy)
                .getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).findFirst();
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
