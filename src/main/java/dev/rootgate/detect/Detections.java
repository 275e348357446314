package dev.rootgate.detect;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Actor;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.RequestStatus;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records AssumeRoot records once each (by eventID, the raw record kept for the auditor) and the findings
 * {@link Reconciliation} makes of them. Each finding is stored, audited as {@code detection.<kind>} in the same
 * transaction, counted in {@code rootgate_detections_total{kind,severity}} and fired as a CDI {@link Finding} event
 * inside that transaction: the hook where the notification outbox will enqueue alerts.
 */
@ApplicationScoped
public class Detections {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;
    @Inject
    AuditLog audit;
    @Inject
    MeterRegistry metrics;
    @Inject
    Clock clock;
    @Inject
    DetectConfig config;
    @Inject
    Event<Finding> detected;
    @Inject
    PolicyService policies;

    /**
     * The findings this record made; none when its eventID was recorded before, from whichever source. AssumeRoot
     * records are all kept and reconciled; of the others only the checklist's management-account events are kept,
     * each a finding, and the rest (reads, other actions) pass without a trace.
     */
    @Transactional
    public List<Finding> record(String recordJson, String source) {
        JsonNode record = readTree(recordJson);
        if (!AssumeRootEvent.EVENT_NAME.equals(record.path("eventName").asText())) {
            Optional<ManagementEvent> change = ManagementEvent.of(record);
            if (change.isEmpty() || !stored(change.get().eventId(), change.get().eventTime(), change.get().region(),
                    source, record)) {
                return List.of();
            }
            raise(change.get().finding());
            return List.of(change.get().finding());
        }
        AssumeRootEvent event = AssumeRootEvent.of(record);
        if (!stored(event.eventId(), event.eventTime(), event.region(), source, record)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>(reconciliation().of(event, brokeredAround(event)));
        Optional<Long> request = findings.stream().filter(f -> f.kind() == FindingKind.CONFIRMED
                || f.kind() == FindingKind.INTERRUPTED_SESSION_ISSUED).findFirst().flatMap(Finding::requestId);
        Reconciliation.outsideChangeWindow(event, rulesCovering(event), request).ifPresent(findings::add);
        findings.forEach(this::raise);
        return List.copyOf(findings);
    }

    /** Keeps the record once by eventID; false when it was kept before. */
    private boolean stored(String eventId, Instant eventTime, String region, String source, JsonNode record) {
        return em.createNativeQuery("INSERT INTO detection_event (event_id, event_time, region, source,"
                        + " raw_event, received_at) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6)"
                        + " ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, eventId).setParameter(2, Timestamp.from(eventTime))
                .setParameter(3, region).setParameter(4, source).setParameter(5, withoutSessionToken(record))
                .setParameter(6, Timestamp.from(Instant.now(clock)))
                .executeUpdate() == 1;
    }

    private List<Rule> rulesCovering(AssumeRootEvent event) {
        Policy policy = policies.current();
        return event.taskPolicy().flatMap(task -> policy.account(event.targetAccount()).map(account ->
                policy.rules().stream().filter(rule -> rule.covers(task, account)).toList())).orElse(List.of());
    }

    /**
     * Resolves what the trail's silence says once the delay has passed: INTERRUPTED requests that issued no session,
     * and issued sessions CloudTrail never showed. Silence is evidence only for claims made since the trail's reading
     * began ({@code readFrom}) and whose delay had passed when it was last read whole ({@code readUntil}): a database
     * with history, or a poller that stopped, proves nothing. A request gets each such finding once; an earlier
     * refused attempt of the same request (ATTEMPT_CONFIRMED) says nothing about its later start, so it does not
     * settle it.
     */
    @Transactional
    public List<Finding> resolveAbsences(Instant readFrom, Instant readUntil) {
        Instant now = Instant.now(clock);
        Duration delay = config.unseenDelay();
        Instant latestClaim = readUntil.isBefore(now) ? readUntil.minus(delay) : now.minus(delay);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT r.id, r.account_id, r.task_policy, r.status, r.claimed_at,"
                        + " r.access_key_id FROM access_request r WHERE r.claimed_at BETWEEN ?1 AND ?2"
                        + " AND (r.status = 'INTERRUPTED' OR r.access_key_id IS NOT NULL)"
                        + " AND NOT EXISTS (SELECT 1 FROM detection_finding f WHERE f.request_id = r.id"
                        + " AND f.kind NOT IN ('ATTEMPT_CONFIRMED', 'RISKY_TASK', 'OUTSIDE_CHANGE_WINDOW'))")
                .setParameter(1, Timestamp.from(readFrom))
                .setParameter(2, Timestamp.from(latestClaim))
                .getResultList();
        Reconciliation reconciliation = reconciliation();
        List<Finding> findings = new ArrayList<>();
        for (Object[] row : rows) {
            reconciliation.unseen(brokered(row), false, now, delay).ifPresent(findings::add);
        }
        findings.forEach(this::raise);
        return findings;
    }

    private Reconciliation reconciliation() {
        String broker = config.brokerPrincipalArn()
                .orElseThrow(() -> new IllegalStateException("rootgate.detect.broker-principal-arn is not set"));
        return new Reconciliation(new BrokerPrincipal(broker), config.claimTolerance());
    }

    private List<Brokered> brokeredAround(AssumeRootEvent event) {
        Duration tolerance = config.claimTolerance();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, account_id, task_policy, status, claimed_at,"
                        + " access_key_id FROM access_request WHERE access_key_id = ?1"
                        + " OR (account_id = ?2 AND claimed_at BETWEEN ?3 AND ?4)")
                .setParameter(1, event.issued().map(AssumeRootEvent.Issued::accessKeyId).orElse(""))
                .setParameter(2, event.targetAccount())
                .setParameter(3, Timestamp.from(event.eventTime().minus(tolerance)))
                .setParameter(4, Timestamp.from(event.eventTime().plus(tolerance)))
                .getResultList();
        // A refused start clears the request's claim time; the audit log keeps when it was refused.
        @SuppressWarnings("unchecked")
        List<Object[]> refused = em.createNativeQuery("SELECT e.request_id, e.account_id, e.task_policy,"
                        + " 'APPROVED', e.occurred_at, NULL FROM audit_event e WHERE e.action = 'session.sts_refused'"
                        + " AND e.account_id = ?1 AND e.occurred_at BETWEEN ?2 AND ?3")
                .setParameter(1, event.targetAccount())
                .setParameter(2, Timestamp.from(event.eventTime().minus(tolerance)))
                .setParameter(3, Timestamp.from(event.eventTime().plus(tolerance)))
                .getResultList();
        List<Brokered> brokered = new ArrayList<>(rows.stream().map(Detections::brokered).toList());
        refused.stream().map(Detections::brokered).forEach(brokered::add);
        return brokered;
    }

    private static Brokered brokered(Object[] row) {
        return new Brokered(((Number) row[0]).longValue(), (String) row[1], TaskPolicy.valueOf((String) row[2]),
                RequestStatus.valueOf((String) row[3]), instant(row[4]), Optional.ofNullable((String) row[5]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }

    private void raise(Finding finding) {
        String evidence = json(finding.evidence());
        em.createNativeQuery("INSERT INTO detection_finding (kind, severity, event_id, request_id, summary, evidence,"
                        + " found_at) VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), ?7)")
                .setParameter(1, finding.kind().name()).setParameter(2, finding.severity().name())
                .setParameter(3, finding.eventId().isEmpty() ? null : finding.eventId())
                .setParameter(4, finding.requestId().orElse(null))
                .setParameter(5, finding.summary()).setParameter(6, evidence)
                .setParameter(7, Timestamp.from(Instant.now(clock)))
                .executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("severity", finding.severity().name());
        details.put("summary", finding.summary());
        details.put("evidence", finding.evidence());
        String taskPolicyArn = finding.evidence().getOrDefault("taskPolicyArn", "");
        String taskPolicy = taskPolicyArn.substring(taskPolicyArn.lastIndexOf('/') + 1);
        audit.append(Actor.SYSTEM, finding.kind().auditType(), new AuditLog.Subject(finding.requestId().orElse(null),
                emptyToNull(finding.evidence().get("accountId")),
                TaskPolicy.byName(taskPolicy).map(TaskPolicy::name).orElse(null)), details);
        detected.fire(finding);
        metrics.counter("rootgate.detections", "kind", finding.kind().name(), "severity", finding.severity().name())
                .increment();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** The record as received, less the session token a record may carry: a credential is never stored. */
    static String withoutSessionToken(JsonNode record) {
        JsonNode copy = record.deepCopy();
        if (copy.at("/responseElements/credentials") instanceof ObjectNode credentials) {
            credentials.remove("sessionToken");
        }
        return copy.toString();
    }

    /**
     * NUL characters, which PostgreSQL can store neither in text nor in jsonb, become U+FFFD: a caller who puts one in
     * a field it controls (a user agent, a request parameter) must not make its record, its findings and with them the
     * rest of the trail unstorable.
     */
    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') < 0 ? node : TextNode.valueOf(node.textValue().replace('\0', '\uFFFD'));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode clean = object.objectNode();
            object.fields().forEachRemaining(field -> clean.set(field.getKey().replace('\0', '\uFFFD'), withoutNul(field.getValue())));
            return clean;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode clean = array.arrayNode();
            array.forEach(element -> clean.add(withoutNul(element)));
            return clean;
        }
        return node;
    }

    private static JsonNode readTree(String recordJson) {
        try {
            JsonNode record = JSON.readTree(recordJson);
            if (record == null || !record.isObject()) {
                throw new MalformedEvent("the record is not a JSON object");
            }
            return withoutNul(record);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String json(Map<String, String> evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
