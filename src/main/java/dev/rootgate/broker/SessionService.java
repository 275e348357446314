package dev.rootgate.broker;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.rootgate.identity.Actor;
import dev.rootgate.identity.Caller;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.Problem;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.Lifecycle;
import dev.rootgate.request.RequestCore;
import dev.rootgate.request.RequestStatus;
import dev.rootgate.request.RequestStore;
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

    @Inject
    RequestStore store;
    @Inject
    Lifecycle lifecycle;
    @Inject
    RootSessionBroker broker;
    @Inject
    MeterRegistry metrics;

    /** The started request as committed, and its credentials, which exist nowhere else. */
    public record Started(AccessRequest request, IssuedCredentials credentials) {
    }

    public Started start(Caller caller, long requestId) {
        AccessRequest claimed = claim(caller, requestId);
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

    /**
     * The claim, or the refusal the core answered. A start that finds the quorum lost writes the move back to
     * PENDING and commits it before refusing, so the approvers who remain can meet the quorum again.
     */
    private AccessRequest claim(Caller caller, long requestId) {
        record Claim(AccessRequest request, RequestCore.Start answer) {
        }
        Claim claim = QuarkusTransaction.requiringNew().call(() -> {
            RequestCore.Situation situation = store.lockVisible(caller, requestId, "start");
            RequestCore.Start answer = store.core().start(situation, caller);
            lifecycle.apply(situation.request(), answer.outcome(), caller.actor());
            return new Claim(situation.request(), answer);
        });
        claim.answer().thenRefuse().ifPresent(refusal -> {
            throw refusal;
        });
        return claim.request();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void release(Actor actor, long requestId, String action, Map<String, String> details) {
        AccessRequest request = store.lock(requestId);
        lifecycle.record(request, actor, action, details);
        lifecycle.move(request, RequestStatus.APPROVED, actor, Map.of("reason", action));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void interrupt(Actor actor, long requestId, String reason) {
        AccessRequest request = store.lock(requestId);
        LOG.errorf("ALERT request %d: AssumeRoot outcome unknown for account %s (%s); check CloudTrail", requestId,
                request.accountId, reason);
        metrics.counter("rootgate.sessions.interrupted").increment();
        lifecycle.move(request, RequestStatus.INTERRUPTED, actor, Map.of("reason", reason));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    AccessRequest activate(Actor actor, long requestId, IssuedCredentials credentials) {
        AccessRequest request = store.lock(requestId);
        request.accessKeyId = credentials.accessKeyId();
        request.sessionExpiresAt = credentials.expiration();
        lifecycle.move(request, RequestStatus.ACTIVE, actor, Map.of("accessKeyId", credentials.accessKeyId(),
                "expiration", credentials.expiration().toString()));
        return request;
    }
}
