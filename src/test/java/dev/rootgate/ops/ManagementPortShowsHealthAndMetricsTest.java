package dev.rootgate.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Readiness answers with the database's check and the configuration rootgate talks to, without calling AssumeRoot;
 * the metrics name each step of a request, the STS calls, the refusals and the notification backlog.
 */
@QuarkusTest
class ManagementPortShowsHealthAndMetricsTest {

    private static final String CONFIGURATION = "checks.find { it.name == 'rootgate configuration' }";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void readinessChecksTheDatabaseAndShowsTheConfigurationWithoutCallingAssumeRoot() {
        int callsBefore = Sts.calls().size();
        given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "rootgate configuration"))
                .body(CONFIGURATION + ".data.'sts.region'", equalTo("us-east-1"))
                .body(CONFIGURATION + ".data.'sts.endpoint'", startsWith("http://"))
                .body(CONFIGURATION + ".data.'cloudtrail.detection'", equalTo("on"))
                .body(CONFIGURATION + ".data.'slack.notifications'", equalTo("on"))
                .body(CONFIGURATION + ".data.'slack.alerts'", equalTo("on"));
        assertEquals(callsBefore, Sts.calls().size(), "a readiness probe never calls STS");
    }

    @Test
    void aStartedRequestAndARefusalShowInTheMetrics() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409);

        String scraped = given().get(metrics).then().statusCode(200).extract().asString();
        for (String series : List.of(
                "rootgate_requests_total\\{outcome=\"created\",taskPolicy=\"IAMAuditRootUserCredentials\"\\} [1-9]",
                "rootgate_requests_total\\{outcome=\"approved\",taskPolicy=\"IAMAuditRootUserCredentials\"\\} [1-9]",
                "rootgate_requests_total\\{outcome=\"active\",taskPolicy=\"IAMAuditRootUserCredentials\"\\} [1-9]",
                "rootgate_requests_time_to_approval_seconds_count\\{taskPolicy=\"IAMAuditRootUserCredentials\"\\} [1-9]",
                "rootgate_sts_assumeroot_seconds_count\\{outcome=\"issued\",taskPolicy=\"IAMAuditRootUserCredentials\"\\} [1-9]",
                "rootgate_sts_assumeroot_seconds_max\\{outcome=\"issued\",taskPolicy=\"IAMAuditRootUserCredentials\"\\} ",
                "rootgate_refusals_total\\{attempt=\"start\",reason=\"[a-z_]+\"\\} [1-9]",
                "rootgate_notify_backlog ", "rootgate_notify_backlog_oldest_seconds ", "rootgate_notify_failed ",
                "rootgate_audit_unsealed ", "rootgate_sessions_started_total\\{")) {
            assertTrue(Pattern.compile("(?m)^" + series).matcher(scraped).find(), series + " in\n" + scraped);
        }
    }
}
