package dev.rootgate.oversight;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.AuditLog;
import dev.rootgate.audit.ChainVerification;
import dev.rootgate.audit.Checkpoint;
import dev.rootgate.audit.Checkpoints;
import dev.rootgate.audit.ChainVerifier;
import dev.rootgate.audit.EventHistory;
import dev.rootgate.audit.EventSelection;
import dev.rootgate.audit.HistoryFilter;
import dev.rootgate.audit.SealedEvents;
import dev.rootgate.identity.Caller;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;
import dev.rootgate.request.Access;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reading, verifying and exporting the audit log: auditors and admins only, anyone else is refused (and the refusal audited).
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
    @Inject
    Checkpoints checkpoints;
    @Inject
    EventHistory history;
    @Inject
    TrendQueries trendQueries;
    @Inject
    Clock clock;

    public ChainVerification verify(Caller caller) {
        refuseUnlessOverseer(caller, "audit.verify");
        ChainVerification result = verifier.verify();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("valid", result.valid());
        details.put("events", result.events());
        details.put("lastSeq", result.lastSeq());
        details.put("lastHash", result.lastHash());
        if (!result.valid()) {
            details.put("reason", result.reason());
        }
        if (result.firstBrokenSeq() != null) {
            details.put("firstBrokenSeq", result.firstBrokenSeq());
        }
        details.put("checkpointsChecked", result.checkpoints().checked());
        if (!result.checkpoints().passed()) {
            details.put("checkpointFailedSeq", result.checkpoints().failedSeq());
            details.put("checkpointFailure", result.checkpoints().failure());
        }
        QuarkusTransaction.requiringNew().run(() ->
                audit.append(caller.actor(), "audit.verified", AuditLog.Subject.NONE, details));
        return result;
    }

    /** What an export holds, and the checkpoint signed for it (empty before anything is sealed). */
    public record Export(EventSelection selection, Optional<Checkpoint> checkpoint) {
    }

    /**
     * Signs a checkpoint, records the export and answers what it holds: every sealed event from the first to the last
     * that occurred in the range, narrowed by the filters. The span is fixed here, after the checkpoint, so an export
     * up to now holds the checkpointed event, and events sealed while the file is written stay out.
     */
    public Export export(Caller caller, ExportRequest request) {
        refuseUnlessOverseer(caller, "audit.export");
        Optional<Checkpoint> checkpoint = checkpoints.signHead();
        EventSelection selection = sealed.span(request.from(), request.to())
                .map(span -> new EventSelection(span.fromSeq(), span.toSeq(), request.accountId(), request.actor(),
                        request.action(), request.requestId(), request.taskPolicy(), request.outcome(), request.reason()))
                .orElse(EventSelection.span(1, 0));
        Map<String, Object> details = request.asDetails();
        if (selection.toSeq() >= selection.fromSeq()) {
            details.put("firstSeq", selection.fromSeq());
            details.put("lastSeq", selection.toSeq());
        }
        if (selection.contiguous()) {
            details.put("events", Math.max(0, selection.toSeq() - selection.fromSeq() + 1));
        }
        checkpoint.ifPresent(signed -> details.put("checkpointSeq", signed.seq()));
        QuarkusTransaction.requiringNew().run(() ->
                audit.append(caller.actor(), "audit.exported", AuditLog.Subject.NONE, details));
        return new Export(selection, checkpoint);
    }

    /** A page of the history, newest first; auditors and admins only. */
    public EventHistory.Page history(Caller caller, HistoryFilter filter) {
        refuseUnlessOverseer(caller, "audit.events");
        return history.page(filter);
    }

    /** Root sessions per week and the wait for approvals, over the last {@code weeks} weeks; auditors and admins only. */
    public Trends trends(Caller caller, int weeks) {
        refuseUnlessOverseer(caller, "audit.events");
        Instant now = clock.instant();
        Instant from = Trends.windowStart(now, weeks);
        return Trends.of(trendQueries.sessionsSince(from), trendQueries.approvalsSince(from), now, weeks);
    }

    /** The newest verification, whoever ran it: the chain's state as last seen. */
    public Optional<AuditEvent> lastVerification(Caller caller) {
        refuseUnlessOverseer(caller, "audit.events");
        return history.latest("audit.verified");
    }

    /** Refuses (403, audited) anyone but auditors and admins: called first, so that no one else learns which filter is wrong. */
    public void requireOverseer(Caller caller, String attempt) {
        refuseUnlessOverseer(caller, attempt);
    }

    // Private, so that a call from this class is not intercepted again: the refusal is audited once.
    private void refuseUnlessOverseer(Caller caller, String attempt) {
        if (!Access.isOverseer(caller, policies.current())) {
            throw Refusal.of(caller.actor(), attempt, null, null, null)
                    .forbidden("not_auditor", "only auditors and admins read, verify or export the audit log");
        }
    }
}
