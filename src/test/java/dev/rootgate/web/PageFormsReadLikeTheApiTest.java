package dev.rootgate.web;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser;
import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A page form is read as strictly as the API's JSON: a field given twice is refused (naming it) rather than the first
 * one taken, and a decision is exactly APPROVE or DENY on both, so that no two readers of the same bytes disagree.
 */
@QuarkusTest
class PageFormsReadLikeTheApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @TestHTTPResource("/")
    URL base;

    @Test
    void aDecisionFormWithTheDecisionTwiceIsRefusedAndChangesNothing() throws Exception {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        Browser bob = new Browser(base.toURI());
        Page page = bob.logIn(bob.get("/requests/" + id), "bob", true);
        Page refused = bob.send("POST", "/requests/" + id + "/decision", FORM,
                withToken(page, "decision=DENY&decision=APPROVE&comment=ok"));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.has("decision: given more than once; nothing was changed"), refused.body());
        TestUser.auditor().api().get("/api/v1/requests/" + id).then().body("decisions.size()", equalTo(0))
                .body("status", equalTo("PENDING"));
    }

    @Test
    void aNewRequestFormWithAFieldTwiceIsRefusedAndCreatesNothing() throws Exception {
        Browser alice = new Browser(base.toURI());
        Page form = alice.logIn(alice.get("/requests/new"), "alice", true);
        Page refused = alice.send("POST", "/requests", FORM, withToken(form, "accountId=" + Flows.SANDBOX
                + "&accountId=" + Flows.ANY_ACCOUNT + "&taskPolicy=S3UnlockBucketPolicy&justification=twice"));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.has("accountId: given more than once"), refused.body());
        assertTrue(!alice.get("/requests").has("twice"), "a request was created");
    }

    @Test
    void aDecisionIsExactlyApproveOrDenyOnThePageAndInTheApi() throws Exception {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        Browser bob = new Browser(base.toURI());
        Page page = bob.logIn(bob.get("/requests/" + id), "bob", true);
        TestUser approver = TestUser.approver();
        for (String spelling : new String[] {" APPROVE", "APPROVE ", "approve", "Approve", "APPROVE\t", "deny"}) {
            approver.api().body(Map.of("decision", spelling, "comment", "ok"))
                    .post("/api/v1/requests/" + id + "/decisions").then().statusCode(400)
                    .body("field", equalTo("decision"));
            Page refused = bob.send("POST", "/requests/" + id + "/decision", FORM,
                    withToken(page, "decision=" + URLEncoder.encode(spelling, StandardCharsets.UTF_8) + "&comment=ok"));
            assertEquals(400, refused.status(), "the page took '" + spelling + "'");
            assertTrue(refused.has("must be exactly APPROVE or DENY"), refused.body());
        }
        TestUser.auditor().api().get("/api/v1/requests/" + id).then().body("decisions.size()", equalTo(0));
        Page decided = bob.send("POST", "/requests/" + id + "/decision", FORM, withToken(page, "decision=APPROVE&comment=ok"));
        assertTrue(decided.has("You decided: <strong>APPROVE</strong>"), decided.body());
    }

    private static String withToken(Page page, String fields) {
        return "csrf-token=" + URLEncoder.encode(Browser.hidden(page, "csrf-token"), StandardCharsets.UTF_8) + "&" + fields;
    }
}
