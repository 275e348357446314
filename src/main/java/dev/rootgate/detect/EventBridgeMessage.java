package dev.rootgate.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of an SQS message an EventBridge rule sent: an "AWS API Call via CloudTrail" event whose {@code detail} is
 * the CloudTrail record. Read strictly, like the record: anything else is refused, never guessed at, so that it
 * stays in the queue and goes to the dead-letter queue for someone to look at.
 */
public final class EventBridgeMessage {

    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBridgeMessage() {
    }

    /** The CloudTrail record the message carries, as JSON text for {@link Detections#record}. */
    public static String record(String body) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("the message is not JSON: " + e.getOriginalMessage());
        }
        if (envelope == null || !envelope.isObject()) {
            throw new MalformedEvent("the message is not a JSON object");
        }
        JsonNode detailType = envelope.get("detail-type");
        if (detailType == null || !DETAIL_TYPE.equals(detailType.textValue())) {
            throw new MalformedEvent("detail-type is " + detailType + ", not \"" + DETAIL_TYPE + "\"");
        }
        JsonNode detail = envelope.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new MalformedEvent("detail is missing or not an object");
        }
        return detail.toString();
    }
}
