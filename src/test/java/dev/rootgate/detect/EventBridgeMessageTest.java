package dev.rootgate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.support.CloudTrail;

/** An SQS message is read as EventBridge's envelope of a CloudTrail record, or refused: never guessed at. */
class EventBridgeMessageTest {

    @Test
    void theRecordIsTheEnvelopesDetail() {
        ObjectNode record = CloudTrail.issued(CloudTrail.BROKER, "111122223333", CloudTrail.AUDIT_TASK, Instant.now(),
                CloudTrail.keyId());
        String detail = EventBridgeMessage.record(CloudTrail.envelope(record).toString());
        assertEquals(record.path("eventID").asText(), AssumeRootEvent.parse(detail).eventId());
    }

    @Test
    void anythingElseIsRefusedNamingWhy() {
        ObjectNode envelope = CloudTrail.envelope(CloudTrail.issued(CloudTrail.BROKER, "111122223333",
                CloudTrail.AUDIT_TASK, Instant.now(), CloudTrail.keyId()));
        String recordAsString = envelope.deepCopy().put("detail", envelope.path("detail").toString()).toString();
        String otherType = envelope.deepCopy().put("detail-type", "AWS Console Sign In via CloudTrail").toString();
        String[][] cases = {
                {"{not json", "not JSON"}, {"[1]", "not a JSON object"}, {"", "not a JSON object"},
                {recordAsString, "detail is missing or not an object"}, {otherType, "detail-type is"},
                {"{\"detail\":{}}", "detail-type is null"}};
        for (String[] bad : cases) {
            MalformedEvent refused = assertThrows(MalformedEvent.class, () -> EventBridgeMessage.record(bad[0]), bad[0]);
            assertTrue(refused.getMessage().contains(bad[1]), refused.getMessage());
        }
    }
}
