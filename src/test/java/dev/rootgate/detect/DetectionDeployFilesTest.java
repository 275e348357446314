package dev.rootgate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.support.CloudTrail;

/**
 * deploy/aws/detection: the EventBridge rule takes the events detection reads and nothing else; only that rule may
 * send to the queue; a message that keeps failing goes to the dead-letter queue; the consumer may only read, delete
 * and inspect that one queue. The pattern is evaluated here with EventBridge's matching rules for what it uses
 * (exact strings, prefixes, $or), against events shaped like EventBridge's.
 */
class DetectionDeployFilesTest {

    private static final Path DIR = Path.of("deploy/aws/detection");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE_ARN = "arn:aws:sqs:REPLACE_WITH_REGION:REPLACE_WITH_ACCOUNT:rootgate-cloudtrail-events";
    private static final String RULE_ARN = "arn:aws:events:REPLACE_WITH_REGION:REPLACE_WITH_ACCOUNT:rule/rootgate-cloudtrail-events";

    @Test
    void theRuleTakesAssumeRootAndTheChecklistsEventsAndNothingElse() throws IOException {
        JsonNode pattern = read("event-pattern.json");
        ObjectNode assumeRoot = CloudTrail.envelope(CloudTrail.issued(CloudTrail.INTRUDER, "111122223333",
                CloudTrail.AUDIT_TASK, java.time.Instant.now(), CloudTrail.keyId()));
        assertTrue(matches(pattern, assumeRoot), "AWS's AssumeRoot sample");
        for (String name : List.of("PutRolePolicy", "PutUserPolicy", "AttachRolePolicy", "AttachGroupPolicy",
                "CreateRole", "CreateAccessKey", "CreatePolicyVersion", "UpdateAssumeRolePolicy")) {
            assertTrue(matches(pattern, event("aws.iam", "iam.amazonaws.com", name)), name);
        }
        for (String name : List.of("StopLogging", "DeleteTrail", "UpdateTrail")) {
            assertTrue(matches(pattern, event("aws.cloudtrail", "cloudtrail.amazonaws.com", name)), name);
        }
        for (ObjectNode other : List.of(event("aws.sts", "sts.amazonaws.com", "AssumeRole"),
                event("aws.iam", "iam.amazonaws.com", "DeleteRolePolicy"),
                event("aws.cloudtrail", "cloudtrail.amazonaws.com", "CreateTrail"),
                event("aws.s3", "s3.amazonaws.com", "PutBucketPolicy"),
                event("aws.iam", "sts.amazonaws.com", "AssumeRoot"))) {
            assertFalse(matches(pattern, other), other.toString());
        }
        ObjectNode notCloudTrail = assumeRoot.deepCopy().put("detail-type", "AWS Console Sign In via CloudTrail");
        assertFalse(matches(pattern, notCloudTrail));
    }

    @Test
    void onlyTheRuleMaySendToTheQueue() throws IOException {
        JsonNode policy = read("queue-policy.json");
        assertEquals(1, policy.path("Statement").size());
        JsonNode statement = policy.path("Statement").get(0);
        assertEquals("Allow", statement.path("Effect").asText());
        assertEquals(JSON.readTree("{\"Service\":\"events.amazonaws.com\"}"), statement.path("Principal"));
        assertEquals("sqs:SendMessage", statement.path("Action").asText());
        assertEquals(QUEUE_ARN, statement.path("Resource").asText());
        assertEquals(JSON.readTree("{\"ArnEquals\":{\"aws:SourceArn\":\"" + RULE_ARN + "\"}}"),
                statement.path("Condition"));
    }

    @Test
    void aMessageThatKeepsFailingGoesToTheDeadLetterQueue() throws IOException {
        JsonNode redrive = read("redrive-policy.json");
        assertEquals(QUEUE_ARN + "-dlq", redrive.path("deadLetterTargetArn").asText());
        int maxReceiveCount = redrive.path("maxReceiveCount").asInt();
        assertTrue(maxReceiveCount >= 3 && maxReceiveCount <= 10, "a few tries, then the DLQ: " + maxReceiveCount);
    }

    @Test
    void theConsumerMayOnlyReadDeleteAndInspectThatQueue() throws IOException {
        JsonNode policy = read("consumer-policy.json");
        assertEquals(1, policy.path("Statement").size());
        JsonNode statement = policy.path("Statement").get(0);
        assertEquals("Allow", statement.path("Effect").asText());
        List<String> actions = new ArrayList<>();
        statement.path("Action").forEach(action -> actions.add(action.asText()));
        assertEquals(Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"), Set.copyOf(actions));
        assertEquals(QUEUE_ARN, statement.path("Resource").asText());
        JsonNode trust = read("consumer-trust-policy.json").path("Statement").get(0);
        assertEquals("sts:AssumeRoleWithWebIdentity", trust.path("Action").asText());
        assertTrue(trust.path("Condition").path("StringEquals").toString()
                .contains("system:serviceaccount:rootgate:rootgate"));
    }

    private static ObjectNode event(String source, String eventSource, String eventName) {
        ObjectNode detail = JSON.createObjectNode().put("eventSource", eventSource).put("eventName", eventName)
                .put("eventID", java.util.UUID.randomUUID().toString());
        ObjectNode envelope = CloudTrail.envelope(detail);
        return envelope.put("source", source);
    }

    /** EventBridge's matching: every field of the pattern present and matched; values OR'ed; $or of sub-patterns. */
    static boolean matches(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alternative : field.getValue()) {
                    any |= matches(alternative, event);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            JsonNode value = event.get(field.getKey());
            if (value == null) {
                return false;
            }
            boolean ok = field.getValue().isObject() ? matches(field.getValue(), value) : anyOf(field.getValue(), value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOf(JsonNode wanted, JsonNode value) {
        for (JsonNode candidate : wanted) {
            if (candidate.isTextual() && candidate.asText().equals(value.asText()) && value.isTextual()) {
                return true;
            }
            if (candidate.has("prefix") && value.isTextual() && value.asText().startsWith(candidate.get("prefix").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read(String name) throws IOException {
        return JSON.readTree(Files.readString(DIR.resolve(name)));
    }
}
