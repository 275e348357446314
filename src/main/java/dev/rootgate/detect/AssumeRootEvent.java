package dev.rootgate.detect;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.policy.TaskPolicy;

/**
 * One {@code AssumeRoot} CloudTrail record: the {@code CloudTrailEvent} string of LookupEvents, or the {@code detail}
 * of an EventBridge message. Read strictly: a record missing what reconciliation relies on is refused rather than
 * half-read, because a guessed field could hide a root session. The session token the record may carry is never read.
 */
public record AssumeRootEvent(String eventId, Instant eventTime, String region, String sourceIp, Caller caller,
        String targetAccount, String taskPolicyArn, Optional<Issued> issued, Optional<Failure> failure) {

    public static final String EVENT_NAME = "AssumeRoot";

    /** {@code userIdentity}: who called. Fields absent from the record are empty strings. */
    public record Caller(String type, String arn, String principalId, String accessKeyId) {
    }

    /** The session AWS issued: the key id CloudTrail shows in the member account, and when it expires. */
    public record Issued(String accessKeyId, Instant expiration) {
    }

    public record Failure(String code, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudTrail writes {@code credentials.expiration} like "Oct 25, 2024, 9:07:11 PM", in UTC. */
    private static final DateTimeFormatter CLOUDTRAIL_EXPIRATION = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("MMM d, yyyy, h:mm:ss a").toFormatter(Locale.US);

    public boolean succeeded() {
        return issued.isPresent();
    }

    /** The task policy when the ARN names one of the five; another ARN (a refused call may carry one) is empty. */
    public Optional<TaskPolicy> taskPolicy() {
        String prefix = "arn:aws:iam::aws:policy/root-task/";
        return taskPolicyArn.startsWith(prefix) ? TaskPolicy.byName(taskPolicyArn.substring(prefix.length()))
                : Optional.empty();
    }

    public static AssumeRootEvent parse(String recordJson) {
        JsonNode record;
        try {
            record = JSON.readTree(recordJson);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("not JSON: " + e.getOriginalMessage());
        }
        return of(record);
    }

    public static AssumeRootEvent of(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new MalformedEvent("the record is not a JSON object");
        }
        String eventName = text(record, "eventName");
        if (!EVENT_NAME.equals(eventName)) {
            throw new MalformedEvent("eventName is " + eventName + ", not " + EVENT_NAME);
        }
        String eventId = text(record, "eventID");
        Instant eventTime = instant(text(record, "eventTime"), "eventTime");
        String region = text(record, "awsRegion");
        String sourceIp = optionalText(record, "sourceIPAddress");
        JsonNode identity = object(record, "userIdentity");
        Caller caller = new Caller(optionalText(identity, "type"), optionalText(identity, "arn"),
                optionalText(identity, "principalId"), optionalText(identity, "accessKeyId"));
        JsonNode parameters = record.get("requestParameters");
        Optional<Failure> failure = record.hasNonNull("errorCode")
                ? Optional.of(new Failure(text(record, "errorCode"), optionalText(record, "errorMessage")))
                : Optional.empty();
        // A call refused before STS read it (validation, access denied) may record no parameters at all.
        String target = "";
        String taskPolicyArn = "";
        if (parameters != null && !parameters.isNull()) {
            if (!parameters.isObject()) {
                throw new MalformedEvent("requestParameters is not an object");
            }
            target = failure.isPresent() ? optionalText(parameters, "targetPrincipal")
                    : text(parameters, "targetPrincipal");
            taskPolicyArn = taskPolicyArn(parameters, failure.isPresent());
        } else if (failure.isEmpty()) {
            throw new MalformedEvent("a successful AssumeRoot without requestParameters");
        }
        Optional<Issued> issued = failure.isPresent() ? Optional.empty() : Optional.of(issued(record));
        return new AssumeRootEvent(eventId, eventTime, region, sourceIp, caller, target, taskPolicyArn, issued,
                failure);
    }

    private static String taskPolicyArn(JsonNode parameters, boolean failed) {
        JsonNode taskPolicy = parameters.get("taskPolicyArn");
        if (taskPolicy == null || taskPolicy.isNull()) {
            if (failed) {
                return "";
            }
            throw new MalformedEvent("requestParameters.taskPolicyArn is missing");
        }
        // CloudTrail writes {"arn": "..."}; a bare string is a different record shape, refused rather than guessed.
        if (!taskPolicy.isObject()) {
            throw new MalformedEvent("requestParameters.taskPolicyArn is not an object");
        }
        return failed ? optionalText(taskPolicy, "arn") : text(taskPolicy, "arn");
    }

    private static Issued issued(JsonNode record) {
        JsonNode credentials = object(object(record, "responseElements"), "credentials");
        String keyId = text(credentials, "accessKeyId");
        return new Issued(keyId, expiration(text(credentials, "expiration")));
    }

    /** The documented CloudTrail form first; ISO-8601 as well, should a record carry it. */
    static Instant expiration(String text) {
        try {
            return LocalDateTime.parse(text.strip(), CLOUDTRAIL_EXPIRATION).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notCloudTrailForm) {
            return instant(text, "responseElements.credentials.expiration");
        }
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new MalformedEvent(field + " is not a time: " + text);
        }
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new MalformedEvent(field + " is missing or not an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEvent(field + " is missing or not a string");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new MalformedEvent(field + " is not a string");
        }
        return node.asText();
    }
}
