package dev.rootgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An open "Awaiting my decision" page follows its queue (static/live.js polls /approvals/state and fetches the page
 * when the version changed): the version changes when a request arrives, when another approver's decision changes
 * its row, and when it leaves — decided by this approver, or cancelled — and the page then lists exactly the
 * requests that wait.
 */
@QuarkusTest
class ApproversQueueFollowsItsRequestsTest {

    @Test
    void theQueuesVersionChangesAsRequestsArriveChangeAndLeave() {
        TestUser approver = TestUser.approver();
        JsonPath before = state(approver);

        TestUser engineer = TestUser.engineer();
        long first = Flows.request(engineer, Flows.SANDBOX, "S3UnlockBucketPolicy");
        long second = Flows.request(engineer, Flows.ANY_ACCOUNT, "S3UnlockBucketPolicy");
        JsonPath arrived = state(approver);
        assertNotEquals(before.getString("version"), arrived.getString("version"), "two arrivals left the version");
        assertEquals(before.getInt("waiting") + 2, arrived.getInt("waiting"));
        assertTrue(arrived.getString("news").contains(arrived.getInt("waiting") + " requests wait"), arrived.prettify());
        assertListed(approver, first, true);
        assertListed(approver, second, true);

        Flows.approve(TestUser.approver(), first);
        JsonPath approvedByAnother = state(approver);
        assertNotEquals(arrived.getString("version"), approvedByAnother.getString("version"),
                "another approver's approval left the row as it was");
        assertEquals(arrived.getInt("waiting"), approvedByAnother.getInt("waiting"));

        Flows.approve(approver, first);
        engineer.api().post("/api/v1/requests/" + second + "/cancel").then().statusCode(200);
        JsonPath left = state(approver);
        assertEquals(before.getInt("waiting"), left.getInt("waiting"));
        assertNotEquals(approvedByAnother.getString("version"), left.getString("version"));
        assertListed(approver, first, false);
        assertListed(approver, second, false);
    }

    @Test
    void theQueuePageIsLiveAndTheOtherListsAreNot() {
        TestUser approver = TestUser.approver();
        String version = state(approver).getString("version");
        String queue = approver.api().accept("text/html").get("/approvals").then().statusCode(200).extract().asString();
        assertTrue(queue.contains("data-live-state=\"/approvals/state\" data-live-version=\"" + version + "\""), queue);
        assertTrue(queue.contains("aria-live=\"polite\""), queue);
        // A live update puts the keyboard focus back on the element with the same id: every link of a row has one.
        long id = Flows.request(TestUser.engineer(), Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        String withRow = approver.api().accept("text/html").get("/approvals").then().statusCode(200).extract().asString();
        assertTrue(withRow.contains("<a href=\"/requests/" + id + "\" id=\"open-request-" + id + "\">"), withRow);
        String decided = approver.api().accept("text/html").get("/approvals/decided").then().statusCode(200)
                .extract().asString();
        assertFalse(decided.contains("data-live-state"), decided);
    }

    private static JsonPath state(TestUser approver) {
        return approver.api().get("/approvals/state").then().statusCode(200).extract().jsonPath();
    }

    private static void assertListed(TestUser approver, long id, boolean listed) {
        String page = approver.api().accept("text/html").get("/approvals").then().statusCode(200).extract().asString();
        assertEquals(listed, page.contains("id=\"request-" + id + "\""), "#" + id + " listed:\n" + page);
    }
}
