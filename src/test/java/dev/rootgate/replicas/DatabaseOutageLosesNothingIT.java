package dev.rootgate.replicas;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static dev.rootgate.support.Flows.QUORUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.Slack;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * PostgreSQL stops in the middle of a decision and of a session start, and comes back: meanwhile every replica
 * answers 503, afterwards they serve again without a restart, and nothing is half-done — a decision exists with its
 * audit event or not at all, and a session issued while its record could not be written is withheld, never issued
 * again, and ends INTERRUPTED with an alert. The audit chain verifies.
 */
class DatabaseOutageLosesNothingIT {

    private static Deployment deployment;

    @BeforeAll
    static void start() {
        deployment = Deployment.shared();
    }

    @AfterEach
    void databaseBack() {
        deployment.databaseUp();
        Sts.healthy();
    }

    private static RequestSpecification on(Replica replica, TestUser user) {
        return user.api().baseUri(replica.url().toString());
    }

    private static long create(Replica replica, TestUser requester, String accountId, String taskPolicy) {
        return on(replica, requester).body(Flows.body(accountId, taskPolicy)).post("/api/v1/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static int decide(Replica replica, TestUser approver, long id) {
        return on(replica, approver).body(Map.of("decision", "APPROVE", "comment", "ok"))
                .post("/api/v1/requests/" + id + "/decisions").statusCode();
    }

    private static void assertBusyWhileDown(TestUser someone, long id) {
        for (Replica replica : deployment.replicas()) {
            Response answer = on(replica, someone).get("/api/v1/requests/" + id);
            assertEquals(503, answer.statusCode(), replica.name + ": " + answer.asString());
            assertEquals("2", answer.header("Retry-After"));
        }
    }

    private static void assertServesAgain(TestUser someone, long id) throws InterruptedException {
        for (Replica replica : deployment.replicas()) {
            assertTrue(Deployment.eventually(15, () -> on(replica, someone).get("/api/v1/requests/" + id).statusCode() == 200),
                    replica.name + " serves again without a restart");
        }
    }

    @Test
    void aDecisionCutOffMidTransactionIsRecordedWithItsAuditEventOrNotAtAll() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = create(deployment.a, requester, QUORUM, "IAMDeleteRootUserCredentials");
        assertEquals(200, decide(deployment.a, TestUser.approver(), id));

        TestUser second = TestUser.approver();
        second.token(); // the identity provider is not what this test stops
        deployment.a.database.hold();
        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(() -> decide(deployment.a, second, id));
        Thread.sleep(700); // the decision is now waiting on the database
        deployment.databaseDown();
        assertEquals(503, inFlight.get(), "a decision cut off by the database is a temporary failure");
        assertBusyWhileDown(requester, id);

        deployment.databaseUp();
        assertServesAgain(requester, id);
        long decisions = deployment.count("SELECT count(*) FROM decision WHERE request_id = ?", id);
        assertEquals(decisions, deployment.count(
                "SELECT count(*) FROM audit_event WHERE request_id = ? AND action = 'decision.recorded'", id),
                "every decision has its audit event");
        // The approver tries again; whichever replica takes it, the vote counts once.
        int again = decide(deployment.b, second, id);
        assertEquals(decisions == 2 ? 409 : 200, again);
        assertEquals(200, decide(deployment.a, TestUser.approver(), id));
        assertEquals(3, deployment.count("SELECT count(*) FROM decision WHERE request_id = ?", id));
        assertEquals(List.of(List.of("APPROVED")), deployment.rows("SELECT status FROM access_request WHERE id = ?", id));
        RecomputedChain.verify(deployment);
    }

    @Test
    void aSessionIssuedWhileTheDatabaseIsDownIsWithheldNeverIssuedAgainAndInterrupted() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = create(deployment.b, requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        assertEquals(200, decide(deployment.a, TestUser.approver(), id));
        String token = requester.token();
        int callsBefore = Sts.callsFor(ANY_ACCOUNT).size();
        int arrivalsBefore = Sts.arrivals();

        Sts.slow(2_500); // within the replicas' 3 s read timeout
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() ->
                requester.api(token).baseUri(deployment.a.url().toString()).post("/api/v1/requests/" + id + "/session"));
        // AssumeRoot has reached STS (which holds its answer for 2.5 s): only now does the database go away.
        assertTrue(Deployment.eventually(10, () -> Sts.arrivals() > arrivalsBefore), "AssumeRoot was sent");
        deployment.databaseDown();
        Response answer = inFlight.get();
        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("audit_unavailable", answer.jsonPath().getString("error"));
        assertTrue(!answer.asString().contains("secretAccessKey") && !answer.asString().contains("sessionToken"),
                "credentials whose session is not on record are withheld");
        assertBusyWhileDown(requester, id);
        Sts.healthy();

        deployment.databaseUp();
        assertServesAgain(requester, id);
        assertEquals(409, requester.api(token).baseUri(deployment.b.url().toString())
                .post("/api/v1/requests/" + id + "/session").statusCode(), "a claimed start is never repeated");
        assertTrue(Deployment.eventually(30, () -> deployment.count(
                "SELECT count(*) FROM access_request WHERE id = ? AND status = 'INTERRUPTED'", id) == 1),
                "the lost start is judged INTERRUPTED");
        assertEquals(1, deployment.count("SELECT count(*) FROM audit_event WHERE request_id = ? AND action = 'request.interrupted'", id));
        assertEquals(1, Sts.callsFor(ANY_ACCOUNT).size() - callsBefore, "AssumeRoot was called once");
        Slack.await(m -> m.path("channel").asText().equals(Deployment.ALERTS_CHANNEL)
                && m.path("text").asText().contains("#" + id) && m.path("text").asText().contains("INTERRUPTED"), 1);
        RecomputedChain.verify(deployment);
    }
}
