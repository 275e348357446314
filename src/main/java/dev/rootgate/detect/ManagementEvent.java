package dev.rootgate.detect;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A management-account event of the detection checklist, classified as a pure function: IAM policy changes
 * ({@code Put*Policy}, {@code Attach*Policy}, {@code Create*}), trust policy changes ({@code UpdateAssumeRolePolicy})
 * and changes to the trail itself ({@code StopLogging}, {@code DeleteTrail}, {@code UpdateTrail}), each CRITICAL.
 * An attempt AWS refused is a finding too: someone tried. Every other event is nothing.
 */
public record ManagementEvent(String eventId, Instant eventTime, String region, String eventSource, String eventName,
        FindingKind kind, Map<String, String> evidence) {

    private static final String IAM = "iam.amazonaws.com";
    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
    private static final Pattern IAM_POLICY_CHANGE = Pattern.compile("Put\\w*Policy|Attach\\w*Policy|Create\\w*");
    private static final Pattern TRAIL_CHANGE = Pattern.compile("StopLogging|DeleteTrail|UpdateTrail");
    /** Enough of the request for the auditor to see what changed; a longer policy document is cut. */
    private static final int PARAMETERS_SHOWN = 2_000;

    /** The checklist event this record is, or empty when it is none (a read, another service, another action). */
    public static Optional<ManagementEvent> of(JsonNode record) {
        String source = record.path("eventSource").asText();
        String name = record.path("eventName").asText();
        Optional<FindingKind> kind = kind(source, name);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String eventId = required(record, "eventID");
        Instant eventTime;
        try {
            eventTime = Instant.parse(required(record, "eventTime"));
        } catch (DateTimeException e) {
            throw new MalformedEvent("eventTime is not a time: " + record.path("eventTime").asText());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("eventId", eventId);
        evidence.put("eventTime", eventTime.toString());
        evidence.put("region", required(record, "awsRegion"));
        evidence.put("eventSource", source);
        evidence.put("eventName", name);
        evidence.put("callerArn", record.path("userIdentity").path("arn").asText());
        evidence.put("callerType", record.path("userIdentity").path("type").asText());
        evidence.put("sourceIp", record.path("sourceIPAddress").asText());
        evidence.put("recipientAccountId", record.path("recipientAccountId").asText());
        String parameters = record.path("requestParameters").toString();
        evidence.put("requestParameters", parameters.length() <= PARAMETERS_SHOWN ? parameters
                : parameters.substring(0, PARAMETERS_SHOWN) + "…");
        if (record.hasNonNull("errorCode")) {
            evidence.put("errorCode", record.get("errorCode").asText());
            evidence.put("errorMessage", record.path("errorMessage").asText());
        }
        return Optional.of(new ManagementEvent(eventId, eventTime, evidence.get("region"), source, name, kind.get(),
                evidence));
    }

    static Optional<FindingKind> kind(String source, String name) {
        if (IAM.equals(source) && "UpdateAssumeRolePolicy".equals(name)) {
            return Optional.of(FindingKind.TRUST_POLICY_CHANGE);
        }
        if (IAM.equals(source) && IAM_POLICY_CHANGE.matcher(name).matches()) {
            return Optional.of(FindingKind.IAM_POLICY_CHANGE);
        }
        if (CLOUDTRAIL.equals(source) && TRAIL_CHANGE.matcher(name).matches()) {
            return Optional.of(FindingKind.TRAIL_CHANGE);
        }
        return Optional.empty();
    }

    public Finding finding() {
        String who = evidence.get("callerArn").isEmpty() ? evidence.get("callerType") : evidence.get("callerArn");
        String what = eventSource.substring(0, eventSource.indexOf('.')) + ":" + eventName;
        String summary = evidence.containsKey("errorCode")
                ? what + " attempted in the management account by " + who + ", refused (" + evidence.get("errorCode")
                        + ")"
                : what + " in the management account by " + who;
        return new Finding(kind, Optional.empty(), eventId, summary, evidence);
    }

    private static String required(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEvent(field + " is missing or not a string");
        }
        return node.asText();
    }
}
