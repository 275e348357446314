package dev.rootgate.problem;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.rootgate.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes the audit event of a refusal. It sits outside the service's transaction (which a refusal rolls back) and
 * records only where no transaction is active — at the boundary of the outermost service call, which is where the
 * web layer calls in — so a refusal is audited exactly once, also when a service calls another (or itself: ArC
 * intercepts self-calls). If the audit write fails, the caller gets that failure instead of the refusal: nothing
 * happens without its audit event.
 */
@RecordsRefusals
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class RefusalRecorder {

    @Inject
    AuditLog audit;

    @AroundInvoke
    Object recordRefusals(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (Refusal refusal) {
            if (!QuarkusTransaction.isActive()) {
                QuarkusTransaction.requiringNew().run(() -> audit.refusal(refusal));
            }
            throw refusal;
        }
    }
}
