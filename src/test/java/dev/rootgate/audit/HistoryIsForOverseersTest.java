package dev.rootgate.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/v1/audit/events: the whole history for auditors and admins, newest first and paged, each event in words
 * (a refusal with its reason and message, a move with from → to) with who, on what, from where and the MFA evidence;
 * every filter narrows; everyone else is refused, and that refusal is audited.
 */
@QuarkusTest
class HistoryIsForOverseersTest {

    private final TestUser auditor = TestUser.auditor();

    @Test
    void aRequestsEventsComeNewestFirstInWordsWithWhoWhatWhereAndMfa() {
        TestUser requester = TestUser.engineer();
        long request = requester.apiFrom("198.51.100.7").body(Flows.body(Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        requester.apiFrom("198.51.100.7").body(Map.of("decision", "APPROVE", "comment", "my own"))
                .post("/api/v1/requests/" + request + "/decisions").then().statusCode(403);
        Flows.approve(TestUser.approver(), request);

        JsonPath page = events("request=" + request);
        List<String> actions = page.getList("items.action");
        assertEquals(List.of("request.approved", "decision.recorded", "refused", "request.created"), actions);
        assertEquals(4, page.getLong("total"));
        List<String> times = page.getList("items.occurredAt");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!Instant.parse(times.get(i)).isAfter(Instant.parse(times.get(i - 1))), "newest first: " + times);
        }
        assertEquals("Request moved PENDING → APPROVED", page.getString("items[0].summary"));
        String refusal = page.getString("items[2].summary");
        String reason = page.getString("items[2].reason");
        assertTrue(refusal.startsWith("Refused decide: " + reason + " — ") && refusal.length() > 30, refusal);
        assertEquals("refused", page.getString("items[2].outcome"));
        assertEquals("198.51.100.7", page.getString("items[2].sourceIp"));
        assertEquals(requester.subject(), page.getString("items[3].actor"));
        assertEquals(requester.subject(), page.getString("items[3].actorUsername"), "usernames default to the subject");
        assertTrue(page.getString("items[3].summary").contains("“rotate after incident review”"));
        assertEquals("pwd,otp", page.getString("items[3].mfaMethods"));
        assertTrue(Instant.parse(page.getString("items[3].mfaAuthTime")).isBefore(Instant.now().plusSeconds(1)));
        assertEquals(Flows.ANY_ACCOUNT, page.getString("items[3].accountId"));
        assertEquals("IAMAuditRootUserCredentials", page.getString("items[3].taskPolicy"));

        JsonPath second = events("request=" + request + "&size=1&page=1");
        assertEquals(List.of("decision.recorded"), second.getList("items.action"));
        assertEquals(4, second.getLong("total"));
    }

    @Test
    void eachFilterNarrowsTheHistory() {
        Instant start = Instant.now().minusSeconds(1);
        TestUser requester = TestUser.engineer();
        long request = Flows.approvedAuditRequest(requester);
        Flows.request(requester, Flows.SANDBOX, "S3UnlockBucketPolicy");
        requester.api().body(Map.of("decision", "APPROVE", "comment", "")).post("/api/v1/requests/" + request
                + "/decisions").then().statusCode(greaterThanOrEqualTo(400));

        assertAll("actor=" + requester.subject(), "actor", requester.subject(), 3);
        assertAll("actor=" + requester.subject() + "&account=" + Flows.SANDBOX, "accountId", Flows.SANDBOX, 1);
        assertAll("actor=" + requester.subject() + "&taskPolicy=S3UnlockBucketPolicy", "taskPolicy",
                "S3UnlockBucketPolicy", 1);
        assertAll("request=" + request + "&action=decision.recorded", "action", "decision.recorded", 1);
        assertAll("actor=" + requester.subject() + "&outcome=refused", "outcome", "refused", 1);
        String reason = events("actor=" + requester.subject() + "&outcome=refused").getString("items[0].reason");
        assertAll("actor=" + requester.subject() + "&reason=" + reason, "reason", reason, 1);
        assertAll("request=" + request + "&outcome=succeeded", "outcome", "succeeded", 3);
        assertAll("request=" + request + "&from=" + start, "requestId", Long.toString(request), 4);
        assertEquals(0, events("request=" + request + "&to=" + start).getLong("total"));
    }

    @Test
    void onlyAuditorsAndAdminsReadTheHistoryAndEveryoneElsesRefusalIsAudited() {
        TestUser.in("admins").api().get("/api/v1/audit/events?size=1").then().statusCode(200);
        for (TestUser other : new TestUser[] { TestUser.engineer(), TestUser.approver() }) {
            other.api().get("/api/v1/audit/events").then().statusCode(403)
                    .body("error", equalTo("not_auditor")).body("message", containsString("auditors and admins"));
            JsonPath refusals = events("actor=" + other.subject() + "&outcome=refused");
            assertEquals(1, refusals.getLong("total"));
            assertTrue(refusals.getString("items[0].summary").startsWith("Refused audit.events: not_auditor — "));
        }
    }

    @Test
    void aBadParameterIsA400NamingIt() {
        for (String[] bad : new String[][] { { "from=yesterday", "from" }, { "to=2026-13-01", "to" },
                { "from=2026-11-02&to=2026-11-01", "to" }, { "account=12345", "account" },
                { "action=DROP%20TABLE", "action" }, { "taskPolicy=AdministratorAccess", "taskPolicy" },
                { "request=abc", "request" }, { "outcome=maybe", "outcome" }, { "reason=Not%20A%20Code", "reason" },
                { "page=-1", "page" }, { "size=0", "size" }, { "size=201", "size" },
                { "actor=" + "x".repeat(256), "actor" } }) {
            auditor.api().get("/api/v1/audit/events?" + bad[0]).then().statusCode(400)
                    .body("error", equalTo("invalid_input")).body("field", equalTo(bad[1]))
                    .body("message", startsWith(bad[1] + ":"));
        }
    }

    private void assertAll(String query, String field, String value, int expected) {
        JsonPath page = events(query);
        assertEquals(expected, page.getLong("total"), query);
        List<Object> values = page.getList("items." + field);
        assertEquals(expected, values.size(), query);
        for (Object each : values) {
            assertEquals(value, String.valueOf(each), query);
        }
    }

    private JsonPath events(String query) {
        return auditor.api().get("/api/v1/audit/events?" + query).then().statusCode(200).extract().jsonPath();
    }
}
