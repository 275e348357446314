package dev.rootgate.web;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static dev.rootgate.support.Flows.SANDBOX;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With one pooled connection left, every read still works; with none left, the answer is 503, never 500. The pool
 * has two connections because Flyway needs two at startup; the test holds the others.
 */
@QuarkusTest
@TestProfile(OnePooledConnectionPerRequestTest.PoolOfOne.class)
class OnePooledConnectionPerRequestTest {

    public static class PoolOfOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2", "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.initial-size", "0", "quarkus.datasource.jdbc.acquisition-timeout", "PT1S");
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @TestHTTPResource("/")
    URL base;

    @Test
    void everyReadNeedsOnlyOnePooledConnection() throws Exception {
        try (Connection taken = dataSource.getConnection()) {
            everyReadWorks();
        }
    }

    private void everyReadWorks() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        Flows.approve(TestUser.approver(), id);

        requester.api().get("/api/v1/requests?size=20").then().statusCode(200).body("items[0].id", equalTo((int) id))
                .body("items[0].approvalsReceived", equalTo(1));
        requester.api().get("/api/v1/requests/" + id).then().statusCode(200).body("decisions.size()", equalTo(1));
        requester.api().get("/api/v1/requests?mine=true&status=APPROVED").then().statusCode(200);
        requester.api().post("/api/v1/requests/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void anExhaustedPoolAnswers503WithRetryAfterNever500() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, SANDBOX, "IAMAuditRootUserCredentials");
        Browser browser = new Browser(base.toURI());
        assertEquals(200, browser.logIn(browser.get("/requests"), "alice", true).status());

        try (Connection taken = dataSource.getConnection(); Connection other = dataSource.getConnection()) {
            requester.api().get("/api/v1/requests").then().statusCode(503).header("Retry-After", not(emptyOrNullString()))
                    .body("error", equalTo("busy")).body("message", not(emptyOrNullString()));
            requester.api().get("/api/v1/requests/" + id).then().statusCode(503).body("error", equalTo("busy"));
            requester.api().body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                    .then().statusCode(503).body("error", equalTo("busy"));
            Browser.Page page = browser.get("/requests");
            assertEquals(503, page.status());
            assertTrue(page.has("try again"), page.body());
        }
        requester.api().get("/api/v1/requests/" + id).then().statusCode(200);
        requester.api().get("/api/v1/requests?mine=true").then().statusCode(200).body("total", equalTo(1));
    }
}
