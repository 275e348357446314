package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Without a Slack token rootgate works as before, and writes no notification it could not send. (The database is the
 * one the other tests share, so only this test's requests are counted.)
 */
@QuarkusTest
@TestProfile(WithoutSlackTest.NoSlack.class)
class WithoutSlackTest {

    public static class NoSlack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rootgate.dev.slack-simulator", "false");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void requestsAreDecidedAndStartedWithNoOutboxRowWritten() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM outbox WHERE thread_key IN (?, ?)")) {
            count.setString(1, "request:" + id);
            count.setString(2, "alerts:request:" + id);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                assertEquals(0, result.getInt(1), "nothing queued for a Slack that is not configured");
            }
        }
    }
}
