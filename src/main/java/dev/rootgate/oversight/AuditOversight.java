package dev.rootgate.oversight;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.audit.AuditLog;
import dev.rootgate.audit.ChainVerification;
import dev.rootgate.audit.ChainVerifier;
import dev.rootgate.audit.EventSelection;
import dev.rootgate.audit.SealedEvents;
import dev.rootgate.identity.Caller;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;
import dev.rootgate.request.Access;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Verifying and exporting the audit log: auditors and admins only, anyone else is refused (and the refusal audited).
 * Both are audited themselves. The chain is read outside any transaction of the application (through its own
 * read-only cursor), and the audit event is written after the verification, before an export's first row.
 */
@ApplicationScoped
@RecordsRefusals
public class AuditOversight {

    @Inject
    PolicyService policies;
    @Inject
    ChainVerifier verifier;
    @Inject
    SealedEvents sealed;
    @Inject
    AuditLog audit;

    public ChainVerification verify(Caller caller) {
        requireOverseer(caller, "audit.verify");
        ChainVerification result = verifier.verify();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("valid", result.valid());
        details.put("events", result.events());
        details.put("lastSeq", result.lastSeq());
        details.put("lastHash", result.lastHash());
        if (!result.valid()) {
            details.put("firstBrokenSeq", result.firstBrokenSeq());
            details.put("reason", result.reason());
        }
        QuarkusTransaction.requiringNew().run(() ->
                audit.append(caller.actor(), "audit.verified", AuditLog.Subject.NONE, details));
        return result;
    }

    /**
     * Records the export and answers what it holds: every sealed event from the first to the last that occurred in the
     * range, narrowed by the filters. The span is fixed here, so events sealed while the file is written stay out.
     */
    public EventSelection export(Caller caller, ExportRequest request) {
        requireOverseer(caller, "audit.export");
        EventSelection selection = sealed.span(request.from(), request.to())
                .map(span -> new EventSelection(span.fromSeq(), span.toSeq(), request.accountId(), request.actor(),
                        request.action(), request.requestId()))
                .orElse(new EventSelection(1, 0, null, null, null, null));
        Map<String, Object> details = request.asDetails();
        if (selection.toSeq() >= selection.fromSeq()) {
            details.put("firstSeq", selection.fromSeq());
            details.put("lastSeq", selection.toSeq());
        }
        if (selection.contiguous()) {
            details.put("events", Math.max(0, selection.toSeq() - selection.fromSeq() + 1));
        }
        QuarkusTransaction.requiringNew().run(() ->
                audit.append(caller.actor(), "audit.exported", AuditLog.Subject.NONE, details));
        return selection;
    }

    private void requireOverseer(Caller caller, String attempt) {
        if (!Access.isOverseer(caller, policies.current())) {
            throw Refusal.of(caller.actor(), attempt, null, null, null)
                    .forbidden("not_auditor", "only auditors and admins read, verify or export the audit log");
        }
    }
}
