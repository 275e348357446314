package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.Flows;
import dev.rootgate.support.ShiftableClock;
import dev.rootgate.support.Slack;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Retention follows the application's clock, which the test moves past the retention period before running the job
 * by hand. Rows written directly have a sink of their own, which the application's dispatcher leaves alone.
 */
@QuarkusTest
class OutboxRetentionTest {

    @Inject
    DataSource dataSource;
    @Inject
    ShiftableClock clock;
    @Inject
    OutboxRetention retention;
    @Inject
    NotifyConfig config;

    @Test
    void onlyDeliveredRowsPastRetentionAreDeletedNeverFailedPendingRecentOrOnceOnlyOnes() throws Exception {
        String sink = "retention-" + UUID.randomUUID();
        Instant written = clock.instant();
        long oldDelivered = insert(sink, null, "DELIVERED", written);
        long oldFailed = insert(sink, null, "FAILED", written);
        long oldPending = insert(sink, null, "PENDING", written);
        long threadStart = insert(sink, sink, "DELIVERED", written);
        long oldReply = insert(sink, sink, "DELIVERED", written);
        long oldOnceOnly = insert(sink, null, "DELIVERED", written);
        try (Connection connection = dataSource.getConnection(); PreparedStatement key = connection.prepareStatement(
                "UPDATE outbox SET dedupe_key = ? WHERE id = ?")) {
            key.setString(1, "reminder:" + sink);
            key.setLong(2, oldOnceOnly);
            key.executeUpdate();
        }
        long recentDelivered;
        try {
            clock.shiftTo(written.plus(config.retention()).plus(Duration.ofMinutes(1)));
            recentDelivered = insert(sink, null, "DELIVERED", clock.instant().minus(Duration.ofMinutes(5)));
            retention.purge();
        } finally {
            clock.reset();
        }

        assertEquals(List.of(oldFailed, oldPending, threadStart, oldOnceOnly, recentDelivered), rowsOf(sink),
                "gone: the old delivered row " + oldDelivered + " and the thread's old reply " + oldReply
                        + "; kept: the once-only message, whose key stops it being written again");
    }

    @Test
    void aReplyWrittenAfterRetentionStillJoinsItsRequestsThread() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, Flows.SANDBOX, "S3UnlockBucketPolicy");
        JsonNode parent = Slack.parentOf(id);
        Flows.approve(TestUser.approver(), id);
        Slack.replies(parent, 1);
        String thread = "request:" + id;
        awaitDelivered(thread);
        assertTrue(threadRows(thread) > 2, "the parent, an approval reply and the parent's update");
        try {
            clock.shiftTo(clock.instant().plus(config.retention()).plus(Duration.ofMinutes(1)));
            retention.purge();
        } finally {
            clock.reset();
        }
        assertEquals(1, threadRows(thread), "only the thread's first message is kept");

        requester.api().post("/api/v1/requests/" + id + "/cancel").then().statusCode(200);

        List<JsonNode> replies = Slack.replies(parent, 2);
        assertTrue(replies.get(1).path("text").asText().startsWith("Cancelled by " + requester.subject()), replies.toString());
        awaitDelivered(thread);
        assertTrue(Slack.current(parent).path("text").asText().contains("Status: CANCELLED"),
                "the parent is updated in place: " + Slack.current(parent));
    }

    private long insert(String sink, String threadKey, String state, Instant at) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (sink, kind, thread_key, payload, state, next_attempt_at, created_at, delivered_at)"
                        + " VALUES (?, 'slack.post', ?, '{}', ?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, sink);
            insert.setString(2, threadKey);
            insert.setString(3, state);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setTimestamp(5, Timestamp.from(at));
            insert.setTimestamp(6, "DELIVERED".equals(state) ? Timestamp.from(at) : null);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private List<Long> rowsOf(String sink) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM outbox WHERE sink = ? ORDER BY id")) {
            query.setString(1, sink);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private int threadRows(String thread) throws Exception {
        return count("SELECT count(*) FROM outbox WHERE thread_key = ?", thread);
    }

    /** Every row of the thread delivered, the parent's update after the last reply included. */
    private void awaitDelivered(String thread) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (count("SELECT count(*) FROM outbox WHERE thread_key = ? AND state <> 'DELIVERED'", thread) > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the thread " + thread + " is still being delivered");
            Thread.sleep(100);
        }
    }

    private int count(String sql, String value) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
