package dev.rootgate.web;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * One subject hammering refused attempts is slowed to 429 and cannot flood the audit chain; others are unaffected.
 * A window boundary may fall inside the test, so every bound allows two windows.
 */
@QuarkusTest
class RefusalFloodTest {

    private static int setting(String key) {
        return ConfigProvider.getConfig().getValue("rootgate.rate-limit." + key, Integer.class);
    }

    @Test
    void refusedAttemptsAreRateLimitedAndAuditedAtMostUpToTheLimitPlusASummary() {
        int refusalsPerMinute = setting("refusals-per-minute");
        int audited = setting("audited-refusals-per-window");
        TestUser nobody = TestUser.in("no-such-role");
        int attempts = 0;
        Response answer;
        do {
            answer = nobody.api().body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests");
            attempts++;
        } while (answer.statusCode() == 403 && attempts <= 3 * refusalsPerMinute);

        answer.then().statusCode(429).header("Retry-After", not(emptyOrNullString()))
                .body("error", equalTo("rate_limited")).body("message", not(emptyOrNullString()));
        int retryAfter = Integer.parseInt(answer.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 61, "Retry-After " + retryAfter);
        assertTrue(attempts <= 2 * refusalsPerMinute + 1, attempts + " attempts before the first 429");
        for (int i = 0; i < 20; i++) {
            nobody.api().body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests");
        }

        long individually = events(nobody, "refused");
        long summaries = events(nobody, "refusals.summarised");
        assertTrue(individually >= audited && individually <= 2L * audited, individually + " refusals audited one by one");
        assertTrue(summaries >= 1 && summaries <= 2, summaries + " summaries");

        TestUser other = TestUser.engineer();
        other.api().body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(201);
    }

    @Test
    void writeAttemptsAreRateLimitedPerSubject() {
        int writesPerMinute = setting("writes-per-minute");
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        int status = 0;
        for (int i = 0; i < 2 * writesPerMinute + 2 && status != 429; i++) {
            // A 400 is no refusal: only the write limit can stop these.
            status = requester.api().body("{\"decision\": \"MAYBE\"}").post("/api/v1/requests/" + id + "/decisions")
                    .statusCode();
        }
        assertEquals(429, status);
        // A page's form gets a page, not a broken one: the limit answers before any form token exists.
        PagesTest.formOn(requester.token(), "/requests/" + id).post(requester.token()).post("/requests/" + id + "/cancel")
                .then().statusCode(429).contentType(containsString("text/html")).body(containsString("try again in"));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"));
        TestUser.approver().api().body("{\"decision\": \"MAYBE\"}").post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(400);
    }

    private static long events(TestUser user, String action) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("actor = ?1 and action = ?2",
                user.subject(), action));
    }
}
