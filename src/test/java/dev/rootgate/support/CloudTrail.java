package dev.rootgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AssumeRoot records as CloudTrail writes them (AWS's sample with the fields a test chooses), and the EventBridge
 * message that carries one to an SQS queue.
 */
public final class CloudTrail {

    public static final String BROKER = "arn:aws:sts::111111111111:assumed-role/RootgateBroker/rootgate";
    public static final String INTRUDER = "arn:aws:sts::111111111111:assumed-role/Admin/mallory";
    public static final String AUDIT_TASK = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";
    public static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudTrail() {
    }

    /** A successful AssumeRoot by {@code caller}, with a fresh eventID, that issued {@code keyId}. */
    public static ObjectNode issued(String caller, String account, String taskPolicyArn, Instant time, String keyId) {
        ObjectNode record = base(caller, account, taskPolicyArn, time);
        ObjectNode credentials = record.putObject("responseElements").putObject("credentials");
        credentials.put("accessKeyId", keyId);
        credentials.put("sessionToken", SESSION_TOKEN);
        credentials.put("expiration", "Oct 25, 2030, 9:07:11 PM");
        return record;
    }

    /** An EventBridge "AWS API Call via CloudTrail" event whose detail is the record. */
    public static ObjectNode envelope(ObjectNode record) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", "AWS API Call via CloudTrail");
        envelope.put("source", "aws.sts");
        envelope.put("account", "111111111111");
        envelope.put("time", record.path("eventTime").asText());
        envelope.put("region", record.path("awsRegion").asText());
        envelope.putArray("resources");
        envelope.set("detail", record);
        return envelope;
    }

    public static String keyId() {
        return "ASIA" + UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, 16);
    }

    private static ObjectNode base(String caller, String account, String taskPolicyArn, Instant time) {
        ObjectNode record = sample();
        record.put("eventID", UUID.randomUUID().toString());
        record.put("eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
        record.put("awsRegion", "us-east-1");
        ((ObjectNode) record.get("userIdentity")).put("arn", caller);
        ObjectNode parameters = (ObjectNode) record.get("requestParameters");
        parameters.put("targetPrincipal", account);
        ((ObjectNode) parameters.get("taskPolicyArn")).put("arn", taskPolicyArn);
        record.remove("responseElements");
        return record;
    }

    private static ObjectNode sample() {
        try (InputStream in = CloudTrail.class.getResourceAsStream("/cloudtrail/assumeroot-success.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
