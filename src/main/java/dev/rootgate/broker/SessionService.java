package dev.rootgate.broker;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.LockModeType;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.rootgate.approval.Decision;
import dev.rootgate.approval.Entitlement;
import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Actor;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.GroupsSeen;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.Problem;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.Lifecycle;
import dev.rootgate.request.RequestService;
import dev.rootgate.request.RequestStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Starting a session: one approved request, one AssumeRoot call. The request is claimed (APPROVED → STARTING) and
 * committed before STS is called, so a double click, a retry or another replica finds it claimed and gets 409.
 * The credentials go back to the caller of this method and nowhere else.
 */
@ApplicationScoped
@RecordsRefusals
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final Set<RequestStatus> STARTED_BEFORE = EnumSet.of(RequestStatus.STARTING, RequestStatus.ACTIVE,
            RequestStatus.ENDED, RequestStatus.INTERRUPTED);

    @Inject
    RequestService requests;
    @Inject
    Lifecycle lifecycle;
    @Inject
    AuditLog audit;
    @Inject
    MfaGate mfa;
    @Inject
    RootSessionBroker broker;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;
    @Inject
    PolicyService policies;
    @Inject
    GroupsSeen groupsSeen;

    /** The started request as committed, and its credentials, which exist nowhere else. */
    public record Started(AccessRequest request, IssuedCredentials credentials) {
    }

    public Started start(Caller caller, long requestId) {
        AccessRequest claimed = QuarkusTransaction.requiringNew().call(() -> claim(caller, requestId));
        IssuedCredentials credentials;
        try {
            credentials = broker.assumeRoot(claimed.accountId, TaskPolicy.valueOf(claimed.taskPolicy), claimed.sessionSeconds);
        } catch (StsFailure.Refused e) {
            QuarkusTransaction.requiringNew().run(() -> release(caller.actor(), requestId, "session.sts_refused",
                    Map.of("awsErrorCode", e.awsCode(), "awsErrorMessage", e.awsMessage()))); // both non-null
            throw new Problem(502, "sts_refused", "STS refused AssumeRoot: " + e.awsCode() + ": " + e.awsMessage(),
                    Map.of("awsErrorCode", e.awsCode(), "awsErrorMessage", e.awsMessage()));
        } catch (StsFailure.Unreachable e) {
            QuarkusTransaction.requiringNew().run(() -> release(caller.actor(), requestId, "session.sts_unreachable",
                    Map.of("error", e.getMessage())));
            throw new Problem(503, "sts_unreachable", e.getMessage() + "; the request is still approved, try again");
        } catch (StsFailure.OutcomeUnknown e) {
            QuarkusTransaction.requiringNew().run(() -> interrupt(caller.actor(), requestId, e.getMessage()));
            throw new Problem(503, "sts_outcome_unknown", e.getMessage()
                    + "; a session may have been issued, so this request cannot be started again. Check CloudTrail for AssumeRoot on account "
                    + claimed.accountId + " and file a new request if needed");
        }
        AccessRequest active;
        try {
            active = QuarkusTransaction.requiringNew().call(() -> activate(caller.actor(), requestId, credentials));
        } catch (RuntimeException e) {
            // No audit write, no credentials: the claim stays behind and the sweeper marks it INTERRUPTED.
            LOG.errorf(e, "ALERT request %d: session %s was issued but could not be recorded; credentials withheld",
                    requestId, credentials.accessKeyId());
            throw new Problem(503, "audit_unavailable", "the session could not be recorded, so its credentials are withheld");
        }
        metrics.counter("rootgate.sessions.started", "taskPolicy", claimed.taskPolicy).increment();
        return new Started(active, credentials);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    AccessRequest claim(Caller caller, long requestId) {
        AccessRequest request = requests.lockVisible(caller, requestId, "start");
        Refusal.Builder refuse = Refusal.of(caller.actor(), "start", request.id, request.accountId, request.taskPolicy);
        if (!caller.subject().equals(request.requesterSubject)) {
            throw refuse.forbidden("not_requester", "only the requester can start the session");
        }
        Rule rule = requests.ruleOf(request, refuse);
        mfa.require(caller, rule.mfaMaxAge().start(), refuse);
        RequestService.requireSource(caller, rule, refuse);
        if (request.status != RequestStatus.APPROVED) {
            throw refuse.conflict(STARTED_BEFORE.contains(request.status) ? "already_started" : "not_approved",
                    "the request is " + request.status + "; only an APPROVED request can be started, once");
        }
        if (!clock.instant().isBefore(request.activateBy)) {
            throw refuse.conflict("activation_window_passed", "the approval expired at " + request.activateBy);
        }
        rule = Entitlement.standingRule(policies.current(), request, caller.groups(), refuse);
        List<Decision> decisions = Decision.forRequest(request.id);
        long approvals = Entitlement.countingApprovals(Entitlement.votes(rule, decisions,
                groupsSeen.of(decisions.stream().map(d -> d.approverSubject).toList())));
        if (approvals < request.approvalsRequired) {
            throw refuse.conflict("approver_no_longer_eligible", "only " + approvals + " of the "
                    + request.approvalsRequired + " approvals still count: an approver has left " + rule.approvers()
                    + " since voting");
        }
        // The window governs when root is used, not only when it is asked for.
        if (!rule.inChangeWindow(clock.instant())) {
            throw refuse.forbidden("outside_change_window", "rule " + rule.name() + " allows sessions only in its change windows");
        }
        lifecycle.move(request, RequestStatus.STARTING, caller.actor(), Map.of("sessionSeconds", request.sessionSeconds));
        return request;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void release(Actor actor, long requestId, String action, Map<String, String> details) {
        AccessRequest request = lockedById(requestId);
        audit.append(actor, action, Lifecycle.subjectOf(request), details);
        lifecycle.move(request, RequestStatus.APPROVED, actor, Map.of("reason", action));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void interrupt(Actor actor, long requestId, String reason) {
        AccessRequest request = lockedById(requestId);
        LOG.errorf("ALERT request %d: AssumeRoot outcome unknown for account %s (%s); check CloudTrail", requestId,
                request.accountId, reason);
        metrics.counter("rootgate.sessions.interrupted").increment();
        lifecycle.move(request, RequestStatus.INTERRUPTED, actor, Map.of("reason", reason));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    AccessRequest activate(Actor actor, long requestId, IssuedCredentials credentials) {
        AccessRequest request = lockedById(requestId);
        request.accessKeyId = credentials.accessKeyId();
        request.sessionExpiresAt = credentials.expiration();
        lifecycle.move(request, RequestStatus.ACTIVE, actor, Map.of("accessKeyId", credentials.accessKeyId(),
                "expiration", credentials.expiration().toString()));
        return request;
    }

    /** The claimed request, locked again: the claim's transaction has ended, the row lock with it. */
    private static AccessRequest lockedById(long requestId) {
        return AccessRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
    }
}
