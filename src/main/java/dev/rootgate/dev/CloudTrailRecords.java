package dev.rootgate.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CloudTrail records as AWS writes them in the management account: AssumeRoot from the STS simulator's calls (or
 * injected: a shadow session, a failed attempt) and the checklist's management-account events (policy edits, trail
 * changes). The shapes follow the AWS samples: {@code taskPolicyArn} as an object, the expiration in CloudTrail's
 * "Oct 25, 2024, 9:07:11 PM" form, a session token the reader must never keep.
 */
final class CloudTrailRecords {

    static final String INTRUDER_ARN = "arn:aws:sts::111111111111:assumed-role/Admin/mallory";
    static final String MANAGEMENT_ACCOUNT = "111111111111";
    static final String TASK_PREFIX = "arn:aws:iam::aws:policy/root-task/";
    /** IAM is global: its events are written in us-east-1 whatever region the caller used. */
    static final String IAM_REGION = "us-east-1";

    /** The checklist's management-account events the simulator can write, by the service that logs them. */
    static final Map<String, String> CHECKLIST_SOURCES = Map.of(
            "StopLogging", "cloudtrail.amazonaws.com",
            "DeleteTrail", "cloudtrail.amazonaws.com",
            "UpdateTrail", "cloudtrail.amazonaws.com",
            "PutRolePolicy", "iam.amazonaws.com",
            "AttachRolePolicy", "iam.amazonaws.com",
            "CreateUser", "iam.amazonaws.com",
            "UpdateAssumeRolePolicy", "iam.amazonaws.com");
    /** STS answers that CloudTrail records as a failed AssumeRoot; server errors and throttling leave no record here. */
    private static final Set<String> RECORDED_FAILURES = Set.of("AccessDenied", "ValidationError",
            "RegionDisabledException");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);

    private CloudTrailRecords() {
    }

    /** The record of one STS simulator call, or null for a call CloudTrail would not record. */
    static ObjectNode ofStsCall(StsSimulator.RecordedCall call) {
        boolean issued = "issued".equals(call.outcome());
        if (call.region() == null || !issued && !RECORDED_FAILURES.contains(call.outcome())) {
            return null;
        }
        Instant time = Instant.parse(call.time());
        // One eventID per STS request, so both simulators agree on which call a record stands for.
        String eventId = UUID.nameUUIDFromBytes(call.requestId().getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode record = assumeRoot(eventId, time, call.region(), StsSimulator.SIMULATED_CALLER_ARN,
                call.targetAccount(), call.taskPolicyArn());
        if (issued) {
            credentials(record, call.accessKeyId(), time.plusSeconds(call.durationSeconds()));
        } else {
            failed(record, call.outcome());
        }
        return record;
    }

    /** A root session opened by another principal than rootgate's broker. */
    static ObjectNode shadow(String region, String caller, String account, String taskPolicy, Instant time) {
        ObjectNode record = assumeRoot(UUID.randomUUID().toString(), time, region, caller, account,
                TASK_PREFIX + taskPolicy);
        credentials(record, "ASIA" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT)
                .substring(0, 16), time.plusSeconds(900));
        return record;
    }

    /** An AssumeRoot that AWS refused. */
    static ObjectNode failed(String region, String caller, String account, String taskPolicy, Instant time) {
        ObjectNode record = assumeRoot(UUID.randomUUID().toString(), time, region, caller, account,
                TASK_PREFIX + taskPolicy);
        failed(record, "AccessDenied");
        return record;
    }

    /** One of the checklist's management-account events, made by {@code caller}. */
    static ObjectNode checklist(String eventName, String region, String caller, Instant time) {
        String source = CHECKLIST_SOURCES.get(eventName);
        if (source == null) {
            throw new IllegalArgumentException("not a checklist event the simulator writes: " + eventName
                    + "; one of " + CHECKLIST_SOURCES.keySet());
        }
        boolean iam = source.startsWith("iam.");
        ObjectNode record = base(UUID.randomUUID().toString(), time, iam ? IAM_REGION : region, caller, source,
                eventName);
        ObjectNode parameters = record.putObject("requestParameters");
        switch (eventName) {
            case "StopLogging", "DeleteTrail", "UpdateTrail" -> parameters.put("name",
                    "arn:aws:cloudtrail:" + region + ":" + MANAGEMENT_ACCOUNT + ":trail/organization-trail");
            case "PutRolePolicy" -> parameters.put("roleName", "Backdoor").put("policyName", "assume-root")
                    .put("policyDocument", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoot\","
                            + "\"Resource\":\"*\"}]}");
            case "AttachRolePolicy" -> parameters.put("roleName", "Backdoor")
                    .put("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
            case "CreateUser" -> parameters.put("userName", "maintenance");
            default -> parameters.put("roleName", "Backdoor").put("policyDocument",
                    "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},"
                            + "\"Action\":\"sts:AssumeRole\"}]}");
        }
        record.putNull("responseElements");
        return record;
    }

    private static ObjectNode assumeRoot(String eventId, Instant time, String region, String caller, String account,
            String taskPolicyArn) {
        ObjectNode record = base(eventId, time, region, caller, "sts.amazonaws.com", "AssumeRoot");
        ObjectNode parameters = record.putObject("requestParameters");
        parameters.put("targetPrincipal", account);
        parameters.putObject("taskPolicyArn").put("arn", taskPolicyArn);
        return record;
    }

    private static void credentials(ObjectNode record, String accessKeyId, Instant expiration) {
        ObjectNode credentials = record.putObject("responseElements").putObject("credentials");
        credentials.put("accessKeyId", accessKeyId);
        // AWS's sample carries one; a reader must drop it, so the simulator writes one too (never a real token).
        credentials.put("sessionToken", "IQoJb3JpZ2luX2VjEXAMPLE-SIMULATED-TOKEN");
        credentials.put("expiration", EXPIRATION.format(expiration));
    }

    private static void failed(ObjectNode record, String code) {
        record.put("errorCode", code);
        record.put("errorMessage", "User: " + record.path("userIdentity").path("arn").asText()
                + " is not authorized to perform: sts:AssumeRoot");
        record.putNull("responseElements");
    }

    private static ObjectNode base(String eventId, Instant time, String region, String caller, String source,
            String eventName) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.08");
        ObjectNode identity = record.putObject("userIdentity");
        identity.put("type", "AssumedRole");
        identity.put("principalId", "AROAEXAMPLEROLEID:" + caller.substring(caller.lastIndexOf('/') + 1));
        identity.put("arn", caller);
        identity.put("accountId", MANAGEMENT_ACCOUNT);
        identity.put("accessKeyId", "ASIACALLEREXAMPLE");
        record.put("eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
        record.put("eventSource", source);
        record.put("eventName", eventName);
        record.put("awsRegion", region);
        record.put("sourceIPAddress", "192.0.2.10");
        record.put("userAgent", "aws-sdk-java/2.57.8");
        record.put("requestID", UUID.randomUUID().toString());
        record.put("eventID", eventId);
        record.put("readOnly", false);
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", MANAGEMENT_ACCOUNT);
        record.put("eventCategory", "Management");
        return record;
    }
}
