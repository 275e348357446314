package dev.rootgate.problem;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rootgate.audit.AuditLog;
import dev.rootgate.throttle.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes the audit event of a refusal. It sits outside the service's transaction (which a refusal rolls back) and
 * records only where no transaction is active — at the boundary of the outermost service call, which is where the
 * web layer calls in — so a refusal is audited exactly once, also when a service calls another (or itself: ArC
 * intercepts self-calls). If the audit write fails, the caller gets that failure instead of the refusal: nothing
 * happens without its audit event. The first refusals of a subject in a rate-limit window are audited one by one,
 * the next one as a summary of the rest of the window, so that refusing cannot flood the hash chain. Each audited
 * refusal is also fired as a {@link RefusalEvent} in that transaction (security alerts read it).
 */
@RecordsRefusals
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class RefusalRecorder {

    @Inject
    AuditLog audit;
    @Inject
    RateLimits limits;
    @Inject
    TransactionManager transactions;
    @Inject
    Event<RefusalEvent> refusals;
    @Inject
    MeterRegistry metrics;

    @AroundInvoke
    Object recordRefusals(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (Refusal refusal) {
            if (transactions.getStatus() == Status.STATUS_NO_TRANSACTION) {
                QuarkusTransaction.requiringNew().run(() -> record(refusal));
                // every refusal, audited one by one or within its window's summary
                metrics.counter("rootgate.refusals", "reason", refusal.code(), "attempt", refusal.attempt()).increment();
            }
            throw refusal;
        }
    }

    private void record(Refusal refusal) {
        switch (limits.refusal(refusal.actor().subject())) {
            case INDIVIDUAL -> {
                audit.append(refusal.actor(), "refused", new AuditLog.Subject(refusal.requestId(),
                        refusal.accountId(), refusal.taskPolicy()), detailsOf(refusal));
                refusals.fire(new RefusalEvent(refusal, false));
            }
            case SUMMARY -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("windowStart", limits.windowStart().toString());
                details.put("auditedIndividually", limits.config().auditedRefusalsPerWindow());
                details.put("firstUnaudited", refusal.attempt() + ": " + refusal.code());
                details.put("message", "further refusals of this subject in this window are counted, not audited one by one");
                audit.append(refusal.actor(), "refusals.summarised", AuditLog.Subject.NONE, details);
                refusals.fire(new RefusalEvent(refusal, true));
            }
            case NONE -> {
                // covered by the window's summary
            }
        }
    }

    private static Map<String, Object> detailsOf(Refusal refusal) {
        Map<String, Object> details = new LinkedHashMap<>(refusal.extra());
        details.put("attempt", refusal.attempt());
        details.put("reason", refusal.code());
        details.put("message", refusal.getMessage());
        details.put("status", refusal.status());
        return details;
    }
}
