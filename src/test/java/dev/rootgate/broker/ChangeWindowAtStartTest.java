package dev.rootgate.broker;

import static org.hamcrest.Matchers.equalTo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.ShiftableClock;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** A change window governs when root is used: a request approved inside it cannot be started after it closes. */
@QuarkusTest
class ChangeWindowAtStartTest {

    @Inject
    ShiftableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void sessionCannotStartOnceTheWindowHasClosed() {
        // The closed-window rule opens Saturdays 00:00-00:01 UTC.
        Instant inWindow = ZonedDateTime.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.SATURDAY))
                .withHour(0).withMinute(0).withSecond(20).withNano(0).toInstant();
        clock.shiftTo(inWindow);
        TestUser requester = TestUser.engineer();
        TestUser approver = TestUser.approver();
        long id = requester.api(requester.token("pwd,otp", inWindow))
                .body(Flows.body(Flows.QUORUM, "SQSUnlockQueuePolicy")).post("/api/v1/requests")
                .then().statusCode(201).body("rule", equalTo("closed-window")).extract().jsonPath().getLong("id");
        approver.api(approver.token("pwd,otp", inWindow)).body(Map.of("decision", "APPROVE", "comment", "ok"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(200).body("status", equalTo("APPROVED"));

        Instant afterWindow = inWindow.plus(Duration.ofMinutes(5));
        clock.shiftTo(afterWindow);
        requester.api(requester.token("pwd,otp", afterWindow)).post("/api/v1/requests/" + id + "/session")
                .then().statusCode(403).body("error", equalTo("outside_change_window"));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));
    }
}
