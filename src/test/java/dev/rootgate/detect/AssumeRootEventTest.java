package dev.rootgate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.policy.TaskPolicy;

/** The AssumeRoot record is read strictly: every field reconciliation relies on, or a refusal that names it. */
class AssumeRootEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String resource(String name) {
        try (InputStream in = AssumeRootEventTest.class.getResourceAsStream("/cloudtrail/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AWS documentation's sample, with the eventID every delivered record has (the sample omits it). */
    static ObjectNode sample() {
        try {
            ObjectNode record = (ObjectNode) JSON.readTree(resource("assumeroot-success.json"));
            record.put("eventID", "0b5e4c3a-1111-4222-8333-444455556666");
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDocumentedSampleReadsFieldByField() {
        AssumeRootEvent event = AssumeRootEvent.parse(sample().toString());
        assertEquals("0b5e4c3a-1111-4222-8333-444455556666", event.eventId());
        assertEquals(Instant.parse("2024-10-25T20:52:11Z"), event.eventTime());
        assertEquals("us-west-2", event.region());
        assertEquals("192.0.2.1", event.sourceIp());
        assertEquals(new AssumeRootEvent.Caller("AssumedRole", "arn:aws:sts::111111111111:assumed-role/JohnDoe/JohnRole1",
                "AIDACKCEVSQ6C2EXAMPLE:JohnRole1", "ASIAIOSFODNN7EXAMPLE"), event.caller());
        assertEquals("222222222222", event.targetAccount());
        assertEquals("arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy", event.taskPolicyArn());
        assertEquals(Optional.of(TaskPolicy.S3UnlockBucketPolicy), event.taskPolicy());
        assertEquals(Optional.of(new AssumeRootEvent.Issued("ASIAIOSFODNN7EXAMPLE", Instant.parse("2024-10-25T21:07:11Z"))),
                event.issued());
        assertTrue(event.succeeded());
        assertEquals(Optional.empty(), event.failure());
    }

    @Test
    void theSessionTokenIsNeverKept() {
        AssumeRootEvent event = AssumeRootEvent.parse(sample().toString());
        assertFalse(event.toString().contains("wJalrXUtnFEMI"), event.toString());
    }

    @Test
    void aRecordWithoutEventIdIsRefusedBecauseDeduplicationKeysOnIt() {
        MalformedEvent refused = assertThrows(MalformedEvent.class,
                () -> AssumeRootEvent.parse(resource("assumeroot-success.json")));
        assertTrue(refused.getMessage().contains("eventID"), refused.getMessage());
    }

    @Test
    void anotherEventNameIsRefused() {
        assertThrows(MalformedEvent.class, () -> AssumeRootEvent.parse(resource("member-account-root-session.json")));
    }

    @Test
    void expirationReadsInTheCloudTrailFormAndInIso() {
        Map<String, Instant> table = Map.of(
                "Oct 25, 2024, 9:07:11 PM", Instant.parse("2024-10-25T21:07:11Z"),
                "Oct 25, 2024, 12:07:11 AM", Instant.parse("2024-10-25T00:07:11Z"),
                "Oct 25, 2024, 12:07:11 PM", Instant.parse("2024-10-25T12:07:11Z"),
                "Jan 2, 2025, 1:00:00 am", Instant.parse("2025-01-02T01:00:00Z"),
                "2024-10-25T21:07:11Z", Instant.parse("2024-10-25T21:07:11Z"));
        table.forEach((text, expected) -> {
            ObjectNode record = sample();
            ((ObjectNode) record.at("/responseElements/credentials")).put("expiration", text);
            assertEquals(expected, AssumeRootEvent.parse(record.toString()).issued().orElseThrow().expiration(), text);
        });
    }

    @Test
    void aFailedCallHasNoSessionAndKeepsItsError() {
        ObjectNode record = sample();
        record.remove("responseElements");
        record.put("errorCode", "AccessDenied");
        record.put("errorMessage", "not authorized to perform sts:AssumeRoot");
        AssumeRootEvent event = AssumeRootEvent.parse(record.toString());
        assertFalse(event.succeeded());
        assertEquals(Optional.of(new AssumeRootEvent.Failure("AccessDenied", "not authorized to perform sts:AssumeRoot")),
                event.failure());
        assertEquals("222222222222", event.targetAccount());
    }

    @Test
    void aFailedCallWithoutParametersStillReads() {
        ObjectNode record = sample();
        record.remove("responseElements");
        record.putNull("requestParameters");
        record.put("errorCode", "ValidationError");
        AssumeRootEvent event = AssumeRootEvent.parse(record.toString());
        assertEquals("", event.targetAccount());
        assertEquals("", event.taskPolicyArn());
        assertEquals(Optional.empty(), event.taskPolicy());
    }

    @Test
    void oddShapesAreRefusedNotGuessed() {
        Map<String, java.util.function.Consumer<ObjectNode>> table = Map.of(
                "taskPolicyArn as a string", r -> ((ObjectNode) r.get("requestParameters"))
                        .put("taskPolicyArn", "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"),
                "success without credentials", r -> ((ObjectNode) r.get("responseElements")).remove("credentials"),
                "success without responseElements", r -> r.putNull("responseElements"),
                "unreadable expiration", r -> ((ObjectNode) r.at("/responseElements/credentials"))
                        .put("expiration", "tomorrow"),
                "eventTime not ISO", r -> r.put("eventTime", "Oct 25, 2024, 8:52:11 PM"),
                "no region", r -> r.remove("awsRegion"),
                "no userIdentity", r -> r.remove("userIdentity"),
                "success without target", r -> ((ObjectNode) r.get("requestParameters")).remove("targetPrincipal"),
                "eventID a number", r -> r.put("eventID", 42));
        table.forEach((name, edit) -> {
            ObjectNode record = sample();
            edit.accept(record);
            assertThrows(MalformedEvent.class, () -> AssumeRootEvent.parse(record.toString()), name);
        });
        assertThrows(MalformedEvent.class, () -> AssumeRootEvent.parse("not json"));
        assertThrows(MalformedEvent.class, () -> AssumeRootEvent.parse("[]"));
    }

    @Test
    void anArnOutsideTheFiveNamesNoTaskPolicy() {
        ObjectNode record = sample();
        ((ObjectNode) record.at("/requestParameters/taskPolicyArn")).put("arn", "arn:aws:iam::aws:policy/AdministratorAccess");
        assertEquals(Optional.empty(), AssumeRootEvent.parse(record.toString()).taskPolicy());
    }
}
