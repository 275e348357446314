package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.Flows;
import dev.rootgate.support.ShiftableClock;
import dev.rootgate.support.Slack;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Reminders follow the application's clock, which the test moves; the job is run by hand at each moment. */
@QuarkusTest
class RemindersTest {

    @Inject
    Reminders reminders;
    @Inject
    ShiftableClock clock;
    @Inject
    DataSource dataSource;

    @Test
    void aPendingRequestIsRemindedHalfWayAndShortlyBeforeItExpiresOnceEachAndADecidedOneNever() throws Exception {
        TestUser requester = TestUser.engineer();
        long waiting = Flows.request(requester, Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        long decided = Flows.approvedAuditRequest(TestUser.engineer());
        JsonNode waitingParent = Slack.parentOf(waiting);
        JsonNode decidedParent = Slack.parentOf(decided);
        var view = requester.api().get("/api/v1/requests/" + waiting).then().extract().jsonPath();
        Instant createdAt = Instant.parse(view.getString("createdAt"));
        Instant pendingUntil = Instant.parse(view.getString("pendingUntil"));
        Instant halfWay = createdAt.plus(Duration.between(createdAt, pendingUntil).dividedBy(2));
        try {
            clock.shiftTo(halfWay.minusSeconds(60));
            reminders.run();
            assertEquals(0, reminderRows(waiting), "not before half-way");

            clock.shiftTo(halfWay.plusSeconds(1));
            reminders.run();
            reminders.run();
            List<JsonNode> replies = Slack.replies(waitingParent, 1);
            assertTrue(replies.get(0).path("text").asText().startsWith("<!subteam^S0APPROVERS> "
                    + "Reminder: still waiting for approvals (0 of 1; 1 from approvers). Decide by "), replies.toString());
            assertEquals("<!subteam^S0APPROVERS>", replies.get(0).path("blocks").path(1).path("text").path("text").asText(),
                    "the approver group's Slack user group is mentioned, in a block that holds nothing else");

            clock.shiftTo(pendingUntil.minus(Duration.ofMinutes(10)));
            reminders.run();
            reminders.run();
            replies = Slack.replies(waitingParent, 2);
            assertTrue(replies.get(1).path("text").asText().startsWith("<!subteam^S0APPROVERS> Last reminder: this request expires at "),
                    replies.toString());
        } finally {
            clock.reset();
        }
        assertEquals(2, reminderRows(waiting), "each reminder once, however often the job runs");
        assertEquals(0, reminderRows(decided), "a decided request is not reminded");
        assertEquals(3, Slack.replies(decidedParent, 3).size(),
                "its thread has the decision, the approval and the requester's notice only");
    }

    private int reminderRows(long id) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM outbox WHERE dedupe_key IN (?, ?)")) {
            count.setString(1, "reminder:" + id);
            count.setString(2, "last-reminder:" + id);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
