package dev.rootgate.web.view;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.detect.StoredFinding;
import dev.rootgate.policy.Account;
import dev.rootgate.policy.Policy;

/**
 * A finding as auditors read it: what, how severe, who did it from where on which account and task policy, the
 * request it concerns, the CloudTrail record it came from ({@code event}, null for a finding made of an absence)
 * and its acknowledgement (null until acknowledged).
 */
public record FindingView(long id, String kind, String severity, String summary, Instant foundAt, String eventId,
        String eventTime, String source, Long requestId, String accountId, String accountName, String taskPolicy,
        String callerArn, String sourceIp, Map<String, String> evidence, JsonNode event, boolean alert,
        Acknowledgement acknowledged) {

    /** Who acknowledged a finding (their subject), when, and why. */
    public record Acknowledgement(String by, Instant at, String why) {
    }

    /** Credentials are never stored with a record; should one ever be, it is still never shown. */
    private static final Set<String> SECRETS = Set.of("sessionToken", "secretAccessKey");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static FindingView of(StoredFinding finding, Policy policy) {
        Map<String, String> evidence = finding.evidence();
        String accountId = evidence.getOrDefault("accountId", "");
        String accountName = accountId.isEmpty() ? null
                : policy.account(accountId).map(Account::name).orElse("(not in the catalog)");
        String taskPolicyArn = evidence.getOrDefault("taskPolicyArn", "");
        return new FindingView(finding.id(), finding.kind(), finding.severity(), finding.summary(), finding.foundAt(),
                finding.eventId(), evidence.get("eventTime"), finding.source(), finding.requestId(),
                accountId.isEmpty() ? null : accountId, accountName,
                taskPolicyArn.isEmpty() ? null : taskPolicyArn.substring(taskPolicyArn.lastIndexOf('/') + 1),
                evidence.get("callerArn"), evidence.get("sourceIp"), evidence, event(finding.rawEvent()),
                finding.alert(), finding.acknowledged() ? new Acknowledgement(finding.acknowledgedBy(),
                        finding.acknowledgedAt(), finding.acknowledgedWhy()) : null);
    }

    /** The record as the page shows it: indented, keys in CloudTrail's order. */
    public String eventPretty() {
        try {
            return event == null ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the signed-in overseer may still acknowledge it. */
    public boolean acknowledgeable() {
        return alert && acknowledged == null;
    }

    private static JsonNode event(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            JsonNode event = JSON.readTree(raw);
            withoutSecrets(event);
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored CloudTrail record is not JSON", e);
        }
    }

    private static void withoutSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(SECRETS);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            withoutSecrets(children.next());
        }
    }
}
