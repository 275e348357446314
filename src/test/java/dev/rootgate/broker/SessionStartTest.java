package dev.rootgate.broker;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static dev.rootgate.support.Flows.SANDBOX;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Invariants 4, 5 and 6, and the STS faults: one approval, one AssumeRoot call, credentials to the requester once. */
@QuarkusTest
class SessionStartTest {

    @AfterEach
    void healSts() {
        Sts.healthy();
    }

    @Test
    void twentyParallelStartsCallAssumeRootOnce() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        String token = requester.token();
        int before = Sts.callsFor(ANY_ACCOUNT).size();

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit((Callable<Integer>) () -> {
                go.await();
                return requester.api(token).post("/api/v1/requests/" + id + "/session").statusCode();
            }));
        }
        go.countDown();
        int created = 0;
        int conflicts = 0;
        for (Future<Integer> result : results) {
            int status = result.get();
            created += status == 201 ? 1 : 0;
            conflicts += status == 409 ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(1, created);
        assertEquals(19, conflicts);
        assertEquals(before + 1, Sts.callsFor(ANY_ACCOUNT).size());
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("ACTIVE"));
        assertEquals(19, AuditTrail.count(id, "refused", "already_started"));
    }

    @Test
    void assumeRootGetsTheRequestsAccountPolicyAndTheRulesDuration() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, SANDBOX, "SQSUnlockQueuePolicy");
        Flows.approve(TestUser.approver(), id);
        Flows.approve(TestUser.approver(), id);

        Response started = requester.api().post("/api/v1/requests/" + id + "/session");
        started.then().statusCode(201).header("Cache-Control", "no-store")
                .body("accessKeyId", matchesPattern("ASIA[A-Z2-7]{16}"))
                .body("secretAccessKey", not(nullValue())).body("sessionToken", not(nullValue()));

        JsonNode call = Sts.callsFor(SANDBOX).stream()
                .filter(c -> c.path("accessKeyId").asText().equals(started.jsonPath().getString("accessKeyId")))
                .findFirst().orElseThrow();
        assertEquals("444455556666", call.get("targetPrincipal").asText());
        assertEquals("arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy", call.get("taskPolicyArn").asText());
        assertEquals(300, call.get("durationSeconds").asInt()); // two-approvals rule: sessionSeconds 300
        Instant expiry = Instant.parse(started.jsonPath().getString("expiration"));
        assertTrue(Duration.between(Instant.now(), expiry).toSeconds() <= 300);

        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("ACTIVE"))
                .body("accessKeyId", equalTo(started.jsonPath().getString("accessKeyId")))
                .body("sessionExpiresAt", not(nullValue()));
    }

    @Test
    void credentialsGoOnlyToTheRequesterAndOnlyOnce() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);

        TestUser.approver().api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(403).body("error", equalTo("not_requester"));
        TestUser.auditor().api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(403).body("error", equalTo("not_requester"));
        TestUser.engineer().api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(404);

        String secret = requester.api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(201).extract().jsonPath().getString("secretAccessKey");
        requester.api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(409).body("error", equalTo("already_started"));

        String detail = TestUser.auditor().api().get("/api/v1/requests/" + id).then().statusCode(200).extract().asString();
        assertTrue(!detail.contains(secret), "a request's detail never carries the secret key");
    }

    @Test
    void pendingRequestCannotBeStarted() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        requester.api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(409).body("error", equalTo("not_approved"));
    }

    @Test
    void stsRefusalIs502AndTheRequestStaysApproved() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.fail("AccessDenied", 1);

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(502)
                .body("error", equalTo("sts_refused")).body("awsErrorCode", equalTo("AccessDenied"))
                .body("message", matchesPattern(".*not authorized to perform: sts:AssumeRoot.*"));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));
        assertEquals(1, AuditTrail.count(id, "session.sts_refused", null));

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void regionDisabledIsReportedWithItsAwsCode() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.fail("RegionDisabledException", 1);

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(502)
                .body("awsErrorCode", equalTo("RegionDisabledException"));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));
    }

    @Test
    void throttlingIsRetriedBecauseNothingWasIssued() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int before = Sts.callsFor(ANY_ACCOUNT).size();
        Sts.fail("Throttling", 1);

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        List<JsonNode> calls = Sts.callsFor(ANY_ACCOUNT).subList(before, Sts.callsFor(ANY_ACCOUNT).size());
        assertEquals(2, calls.size());
        assertEquals(1, calls.stream().filter(c -> c.get("outcome").asText().equals("issued")).count());
    }

    @Test
    void unreachableStsIs503AndTheRequestStaysApproved() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.unreachable();

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503)
                .body("error", equalTo("sts_unreachable"));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));
        assertEquals(1, AuditTrail.count(id, "session.sts_unreachable", null));

        Sts.healthy();
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
    }

    @Test
    void anUnansweredCallIsNeverRetriedBecauseItMayHaveIssued() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        int before = Sts.callsFor(ANY_ACCOUNT).size();
        Sts.slow(4_000); // longer than the test profile's read timeout

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503)
                .body("error", equalTo("sts_outcome_unknown"));
        Sts.healthy();
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("INTERRUPTED"));
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409);
        // The late answer still arrives at the simulator: it did issue, once, and nothing re-sent the call.
        assertEquals(before + 1, Sts.awaitCallsFor(ANY_ACCOUNT, before + 1).size());
        Thread.sleep(500);
        assertEquals(before + 1, Sts.callsFor(ANY_ACCOUNT).size());
        assertEquals(1, AuditTrail.count(id, "request.interrupted", null));
    }

    @Test
    void aServerErrorFromStsIsNotARefusalBecauseItMayHaveIssued() {
        for (String serverError : new String[] { "InternalFailure", "ServiceUnavailable" }) {
            TestUser requester = TestUser.engineer();
            long id = Flows.approvedAuditRequest(requester);
            Sts.fail(serverError, 1);

            requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503)
                    .body("error", equalTo("sts_outcome_unknown"));
            requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("INTERRUPTED"));
            requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409);
        }
    }

    @Test
    void aClientErrorWithoutAnAwsCodeIsNotARefusalBecauseItMayHaveIssued() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.fail("", 1);

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(503)
                .body("error", equalTo("sts_outcome_unknown"));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("INTERRUPTED"));
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409);
    }

    @Test
    void theClaimIsCommittedBeforeStsIsCalled() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.slow(1_500); // shorter than the read timeout: the call succeeds, late
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<Integer> start = background.submit(
                () -> requester.api().post("/api/v1/requests/" + id + "/session").statusCode());
        Thread.sleep(700);

        // While AssumeRoot is in flight, every other reader (another replica) already sees the claim.
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("STARTING"));
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                .body("error", equalTo("already_started"));
        assertEquals(201, start.get());
        background.shutdown();
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("ACTIVE"));
    }
}
