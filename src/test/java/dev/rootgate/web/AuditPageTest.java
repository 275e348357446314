package dev.rootgate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The auditor's page: events newest first in words (a refusal with its reason and message, a move with from → to),
 * who by name and username, the request linked, the source address and the MFA evidence; filters as GET forms;
 * download buttons with the current filters; the chain's state and a "Verify now" button. Auditors land on it.
 */
@QuarkusTest
class AuditPageTest {

    private final TestUser auditor = TestUser.auditor();

    @Test
    void aFilteredPageShowsTheRequestsEventsInWordsWithWhoWhereAndMfa() {
        TestUser requester = TestUser.engineer();
        long request = requester.apiFrom("203.0.113.9").body(Flows.body(Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        requester.apiFrom("203.0.113.9").body(Map.of("decision", "APPROVE", "comment", "mine"))
                .post("/api/v1/requests/" + request + "/decisions").then().statusCode(403);
        Flows.approve(TestUser.approver(), request);
        String bearer = auditor.token();

        String page = given().auth().oauth2(bearer).get("/audit?request=" + request).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("Events 1–4 of 4, newest first."), page);
        assertTrue(page.indexOf("data-action=\"request.approved\"") < page.indexOf("data-action=\"request.created\""),
                "newest first");
        assertTrue(page.contains("Request moved PENDING → APPROVED"), "a move in words");
        assertTrue(page.matches("(?s).*Refused decide: [a-z_]+ — [^<]{10,}.*"), "a refusal says its reason and message");
        assertTrue(page.contains("<a href=\"/requests/" + request + "\">request #" + request + "</a>"));
        assertTrue(page.contains("<code class=\"username\">" + requester.subject() + "</code>"));
        assertTrue(page.contains("<code>203.0.113.9</code>"), "from where");
        assertTrue(page.contains("pwd,otp at "), "the MFA evidence");
        assertTrue(page.contains("href=\"/audit/export?format=csv&amp;request=" + request + "\"")
                || page.contains("href=\"/audit/export?format=csv&request=" + request + "\""), "downloads keep the filters");

        given().auth().oauth2(bearer).get("/audit/export?format=csv&request=" + request).then().statusCode(200)
                .contentType(startsWith("text/csv")).body(containsString(",request.created," + request + ","));
        given().auth().oauth2(bearer).get("/audit?request=" + request + "&outcome=refused").then().statusCode(200)
                .body(containsString("Events 1–1 of 1")).body(containsString("Refused decide: "));
        given().auth().oauth2(bearer).get("/audit?account=123").then().statusCode(400)
                .body(containsString("account"));
    }

    @Test
    void thePageDrawsRootSessionsPerWeekByTaskPolicyAndTheWaitForApproval() {
        TestUser requester = TestUser.engineer();
        long request = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + request + "/session").then().statusCode(201);

        String page = given().auth().oauth2(auditor.token()).get("/audit").then().statusCode(200).extract().asString();
        assertTrue(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "a server-rendered chart");
        assertTrue(page.matches("(?s).*<title>week of [A-Z][a-z]{2} \\d{1,2} so far: \\d+ × IAMAuditRootUserCredentials \\(LOW\\)</title>.*"),
                "this week's sessions of the started task policy, named in the chart");
        assertTrue(page.contains("<table id=\"sessions-per-week\">"), "the same numbers as a table");
        assertTrue(page.matches("(?s).*median <strong>[^<]+</strong>, slowest <strong>[^<]+</strong>.*"), page);
    }

    @Test
    void aPagePastTheLastSaysSoInsteadOfARangeThatDoesNotExist() {
        Flows.request(TestUser.engineer(), Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        String bearer = auditor.token();
        given().auth().oauth2(bearer).get("/audit?page=9999").then().statusCode(200)
                .body(containsString("This page is past the last of the")).body(not(containsString("Events 0–")));
        given().auth().oauth2(bearer).get("/findings?page=9999").then().statusCode(200)
                .body(not(containsString("Findings 0–")));
    }

    @Test
    void verifyNowRecordsTheChainsStateAndThePageShowsIt() {
        String bearer = auditor.token();
        PagesTest.Form form = PagesTest.formOn(bearer, "/audit");
        form.post(bearer).post("/audit/verify").then().statusCode(303).header("Location", endsWith("/audit"));
        given().auth().oauth2(bearer).get("/audit").then().statusCode(200)
                .body(containsString("<span class=\"status APPROVED\">intact</span>"))
                .body(containsString("by <code class=\"username\">" + auditor.subject() + "</code>"));
    }

    @Test
    void auditorsLandOnTheAuditLogAndOnlyOverseersSeeIt() {
        given().auth().oauth2(auditor.token()).redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", endsWith("/audit"));
        given().auth().oauth2(auditor.token()).get("/requests?all=true").then().statusCode(200)
                .body(containsString("href=\"/audit\""));
        for (TestUser other : new TestUser[] { TestUser.engineer(), TestUser.approver() }) {
            given().auth().oauth2(other.token()).get("/audit").then().statusCode(403)
                    .body(containsString("not_auditor"));
            given().auth().oauth2(other.token()).get("/requests").then().statusCode(200)
                    .body(not(containsString("href=\"/audit\"")));
        }
    }
}
