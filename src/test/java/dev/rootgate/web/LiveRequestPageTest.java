package dev.rootgate.web;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser;
import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The open request page follows its request (static/live.js): it polls the request's state and fetches the page
 * again when that changed. The state changes with every decision, is shown only to those who may see the request,
 * and polling leaves the page's forms working.
 */
@QuarkusTest
class LiveRequestPageTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theStateChangesWithEachDecisionAndIsShownOnlyToThoseWhoMaySeeTheRequest() {
        TestUser engineer = TestUser.engineer();
        long id = Flows.request(engineer, Flows.SANDBOX, "S3UnlockBucketPolicy");
        JsonPath before = state(engineer, id);
        assertEquals("PENDING", before.getString("status"));
        assertEquals(0, before.getInt("approvalsReceived"));

        Flows.approve(TestUser.approver(), id);
        JsonPath after = state(engineer, id);
        assertEquals(1, after.getInt("approvalsReceived"));
        assertNotEquals(before.getString("version"), after.getString("version"), "an approval left the state as it was");

        int stranger = TestUser.engineer().api().get("/requests/" + id + "/state").statusCode();
        assertEquals(404, stranger, "another engineer learns the state of a request that is not theirs");
    }

    @Test
    void pollingAndFetchingThePageAgainKeepItsFormsWorking() throws Exception {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        Browser bob = new Browser(base.toURI());
        Page page = bob.logIn(bob.get("/requests/" + id), "bob", true);
        String token = Browser.hidden(page, "csrf-token");
        for (int poll = 0; poll < 3; poll++) {
            assertEquals(200, bob.get("/requests/" + id + "/state", Map.of("Accept", "application/json")).status());
        }
        Page fetched = bob.get("/requests/" + id);
        assertEquals(token, Browser.hidden(fetched, "csrf-token"), "the swapped-in forms carry another token");

        Page decided = bob.submit(page, "/requests/" + id + "/decision", Map.of("decision", "APPROVE", "comment", "ok"));
        assertTrue(decided.has("You decided: <strong>APPROVE</strong>"), decided.status() + "\n" + decided.body());
    }

    /** The script reads JSON: a state it may not have is a JSON problem, like the API's, never an HTML page. */
    @Test
    void statesTheScriptCannotHaveAreJsonProblems() {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        TestUser stranger = TestUser.engineer();
        for (String path : new String[] {"/requests/" + id + "/state", "/requests/999999999/state",
                "/requests/abc/state"}) {
            stranger.api().get(path).then().statusCode(404).contentType("application/json")
                    .body("error", equalTo("not_found"));
        }
        TestUser nobody = TestUser.approver();
        nobody.api(nobody.tokenWithClaims("{\"sub\":\"\"}")).get("/approvals/state").then().statusCode(401)
                .contentType("application/json").body("error", equalTo("unauthenticated"));
    }

    private static JsonPath state(TestUser user, long id) {
        return user.api().get("/requests/" + id + "/state").then().statusCode(200).extract().jsonPath();
    }
}
