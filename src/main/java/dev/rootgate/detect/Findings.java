package dev.rootgate.detect;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.MfaCheck;
import dev.rootgate.identity.MfaConfig;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;
import dev.rootgate.request.Access;

/**
 * The findings for auditors and admins: listed newest first with their evidence, and acknowledged — by whom, when
 * and why — once, with a fresh MFA login like any decision, and audited. Anyone else is refused (and audited).
 */
@ApplicationScoped
@RecordsRefusals
public class Findings {

    static final int REASON_MAX = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "f.id, f.kind, f.severity, f.summary, f.found_at, f.event_id, f.request_id,"
            + " f.evidence::text, e.raw_event::text, e.source, f.acknowledged_by, f.acknowledged_at, f.acknowledged_why"
            + " FROM detection_finding f LEFT JOIN detection_event e ON e.event_id = f.event_id";

    @Inject
    EntityManager em;
    @Inject
    PolicyService policies;
    @Inject
    AuditLog audit;
    @Inject
    MfaConfig mfa;
    @Inject
    DetectConfig config;
    @Inject
    Clock clock;

    public record Page(List<StoredFinding> items, long total) {
    }

    @Transactional
    public Page list(Caller caller, FindingFilter filter) {
        refuseUnlessOverseer(caller, "list_findings", null);
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        filter.severity().ifPresent(severity -> condition(conditions, values, "f.severity = ?", severity.name()));
        filter.kind().ifPresent(kind -> condition(conditions, values, "f.kind = ?", kind));
        // Not acknowledged means an alert still waiting: INFO findings are never acknowledged, so they are not waiting.
        filter.acknowledged().ifPresent(acknowledged -> conditions.add(acknowledged
                ? "f.acknowledged_by IS NOT NULL" : "f.acknowledged_by IS NULL AND f.severity <> 'INFO'"));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*) FROM detection_finding f" + where), values)
                .getSingleResult()).longValue();
        List<?> rows = bind(em.createNativeQuery("SELECT " + COLUMNS + where + " ORDER BY f.id DESC"), values)
                .setFirstResult(filter.page() * filter.size()).setMaxResults(filter.size()).getResultList();
        return new Page(rows.stream().map(Object[].class::cast).map(Findings::finding).toList(), total);
    }

    @Transactional
    public StoredFinding get(Caller caller, long id) {
        refuseUnlessOverseer(caller, "read_finding", id);
        return find(id).orElseThrow(() -> Refusal.of(caller.actor(), "read_finding", null, null, null)
                .with("finding", id).notFound("finding " + id));
    }

    /** Unacknowledged HIGH and CRITICAL findings: what still waits for someone to look. */
    @Transactional
    public long openAlerts(Caller caller) {
        refuseUnlessOverseer(caller, "count_findings", null);
        return ((Number) em.createNativeQuery("SELECT count(*) FROM detection_finding"
                + " WHERE severity IN ('HIGH', 'CRITICAL') AND acknowledged_by IS NULL").getSingleResult()).longValue();
    }

    @Transactional
    public StoredFinding acknowledge(Caller caller, long id, String reasonText) {
        String reason = validReason(reasonText);
        refuseUnlessOverseer(caller, "acknowledge_finding", id);
        StoredFinding finding = find(id).orElseThrow(() -> Refusal.of(caller.actor(), "acknowledge_finding", null,
                null, null).with("finding", id).notFound("finding " + id));
        Refusal.Builder refuse = Refusal.of(caller.actor(), "acknowledge_finding", finding.requestId(),
                emptyToNull(finding.evidence().get("accountId")), taskPolicy(finding)).with("finding", id);
        if (!finding.alert()) {
            throw refuse.conflict("not_an_alert", "finding " + id + " is INFO: evidence, not an alert to acknowledge");
        }
        MfaCheck.require(caller.mfa(), mfa.methods(), config.acknowledgeMfaMaxAge(), clock.instant(), refuse);
        Instant now = clock.instant();
        int updated = em.createNativeQuery("UPDATE detection_finding SET acknowledged_by = ?1, acknowledged_at = ?2,"
                        + " acknowledged_why = ?3 WHERE id = ?4 AND acknowledged_by IS NULL")
                .setParameter(1, caller.subject()).setParameter(2, Timestamp.from(now)).setParameter(3, reason)
                .setParameter(4, id).executeUpdate();
        if (updated == 0) {
            throw refuse.conflict("already_acknowledged", "finding " + id + " was already acknowledged");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("finding", id);
        details.put("kind", finding.kind());
        details.put("severity", finding.severity());
        details.put("eventId", finding.eventId() == null ? "" : finding.eventId());
        details.put("reason", reason);
        details.put("mfaMethods", caller.mfa().methodsText());
        details.put("mfaAuthTime", caller.mfa().authTime().orElseThrow().toString());
        audit.append(caller.actor(), "detection.acknowledged", new AuditLog.Subject(finding.requestId(),
                emptyToNull(finding.evidence().get("accountId")), taskPolicy(finding)), details);
        return find(id).orElseThrow();
    }

    /** The stored id of a finding just raised in this transaction: the link an alert carries. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> idOf(Finding finding) {
        Query query = finding.eventId().isEmpty()
                ? em.createNativeQuery("SELECT id FROM detection_finding WHERE request_id = ?1 AND kind = ?2"
                        + " AND event_id IS NULL").setParameter(1, finding.requestId().orElse(null))
                : em.createNativeQuery("SELECT id FROM detection_finding WHERE event_id = ?1 AND kind = ?2")
                        .setParameter(1, finding.eventId());
        List<?> ids = query.setParameter(2, finding.kind().name()).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).findFirst();
    }

    private Optional<StoredFinding> find(long id) {
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS + " WHERE f.id = ?1").setParameter(1, id)
                .getResultList();
        return rows.stream().map(Object[].class::cast).map(Findings::finding).findFirst();
    }

    /** Refuses (403, audited) anyone but auditors and admins: called first, so that no one else learns which input is wrong. */
    public void requireOverseer(Caller caller, String attempt, Long id) {
        refuseUnlessOverseer(caller, attempt, id);
    }

    // Private, so that a call from this class is not intercepted again: the refusal is audited once.
    private void refuseUnlessOverseer(Caller caller, String attempt, Long id) {
        if (!Access.isOverseer(caller, policies.current())) {
            Refusal.Builder refuse = Refusal.of(caller.actor(), attempt, null, null, null);
            throw (id == null ? refuse : refuse.with("finding", id)).forbidden("not_auditor", "only auditors and admins see and acknowledge findings");
        }
    }

    private static String validReason(String text) {
        String reason = text == null ? "" : text.strip();
        if (reason.isEmpty()) {
            throw new InvalidInput("reason", "is required: say why this finding needs nothing more (or what was done)");
        }
        if (reason.codePointCount(0, reason.length()) > REASON_MAX) {
            throw new InvalidInput("reason", "at most " + REASON_MAX + " characters");
        }
        return InvalidInput.plainText("reason", reason);
    }

    private static String taskPolicy(StoredFinding finding) {
        String arn = finding.evidence().getOrDefault("taskPolicyArn", "");
        return TaskPolicy.byName(arn.substring(arn.lastIndexOf('/') + 1)).map(TaskPolicy::name).orElse(null);
    }

    private static void condition(List<String> conditions, List<Object> values, String sql, Object value) {
        values.add(value);
        conditions.add(sql.replace("?", "?" + values.size()));
    }

    private static Query bind(Query query, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }

    private static StoredFinding finding(Object[] row) {
        return new StoredFinding(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                instant(row[4]), (String) row[5], row[6] == null ? null : ((Number) row[6]).longValue(),
                evidence((String) row[7]), (String) row[8], (String) row[9], (String) row[10], instant(row[11]),
                (String) row[12]);
    }

    private static Map<String, String> evidence(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence is not a JSON object of strings", e);
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
