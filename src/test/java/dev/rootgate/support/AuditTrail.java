package dev.rootgate.support;

import dev.rootgate.audit.AuditEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Counts audit events of one request, optionally with a reason (for refusals). */
public final class AuditTrail {

    private AuditTrail() {
    }

    public static long count(long requestId, String action, String reason) {
        return QuarkusTransaction.requiringNew().call(() -> reason == null
                ? AuditEvent.count("requestId = ?1 and action = ?2", requestId, action)
                : AuditEvent.count("requestId = ?1 and action = ?2 and details like ?3", requestId, action,
                        "%\"reason\":\"" + reason + "\"%"));
    }
}
