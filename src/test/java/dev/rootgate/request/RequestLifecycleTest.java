package dev.rootgate.request;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static dev.rootgate.support.Flows.EPHEMERAL;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.ShiftableClock;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** The lifecycle through the API, and invariant 7: every state change and every refusal is audited. */
@QuarkusTest
class RequestLifecycleTest {

    @Inject
    ExpiryJob expiry;
    @Inject
    ShiftableClock clock;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void createdRequestCarriesRulePolicyHashAndMfaEvidence() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        requester.api().get("/api/v1/requests/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("rule", equalTo("one-approval"))
                .body("policySha256", matchesPattern("[0-9a-f]{64}")).body("accountName", equalTo("payments-prod"))
                .body("risk", equalTo("LOW")).body("requester", equalTo(requester.subject()))
                .body("timeline.action", hasItems("request.created"));
        assertEquals(1, AuditTrail.count(id, "request.created", null));
    }

    /** The answer to a create is built in the creating transaction, not read back: it must say what a read says. */
    @Test
    void createAnswersWhatAReadOfTheRequestAnswers() {
        TestUser requester = TestUser.engineer();
        var created = requester.api().body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(201).extract();
        int id = created.path("id");
        String read = requester.api().get("/api/v1/requests/" + id).then().statusCode(200).extract().asString();
        // The event's place in the chain is given once it has committed, so only the read can show it.
        assertEquals(read.replaceAll("\"seq\":[0-9]+", "\"seq\":null"), created.asString());
    }

    /** The Location of a created request is a path: built from the request it would name any Host a client sent. */
    @Test
    void locationOfACreatedRequestIgnoresTheHostHeader() {
        TestUser requester = TestUser.engineer();
        var created = requester.api().header("Host", "evil.example")
                .body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(201).extract();
        assertEquals("/api/v1/requests/" + created.path("id"), created.header("Location"));
    }

    /** "2000 characters" are what a person counts: an emoji is one, not two UTF-16 units. */
    @Test
    void justificationOf2000CharactersOfAnyScriptFits() {
        TestUser requester = TestUser.engineer();
        requester.api().body(java.util.Map.of("accountId", ANY_ACCOUNT, "taskPolicy", "IAMAuditRootUserCredentials",
                "justification", "\uD83D\uDE00".repeat(2000))).post("/api/v1/requests").then().statusCode(201);
        requester.api().body(java.util.Map.of("accountId", ANY_ACCOUNT, "taskPolicy", "S3UnlockBucketPolicy",
                "justification", "\uD83D\uDE00".repeat(2001))).post("/api/v1/requests").then().statusCode(400)
                .body("field", equalTo("justification"));
    }

    @Test
    void noMatchingRuleIsRefusedAndAudited() {
        TestUser requester = TestUser.engineer();
        // IAMCreateRootUserPassword is only in the break-glass rule, whose requesters are another group.
        requester.api().body(Flows.body(ANY_ACCOUNT, "IAMCreateRootUserPassword")).post("/api/v1/requests")
                .then().statusCode(403).body("error", equalTo("no_matching_rule"));
        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(0));

        TestUser.in("breakglass").api().body(Flows.body(ANY_ACCOUNT, "IAMCreateRootUserPassword")).post("/api/v1/requests")
                .then().statusCode(201).body("rule", equalTo("break-glass")).body("approvalsRequired", equalTo(2))
                .body("risk", equalTo("CRITICAL"));
    }

    @Test
    void secondOpenRequestForTheSameTargetIsAConflict() {
        TestUser requester = TestUser.engineer();
        Flows.request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        requester.api().body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(409).body("error", equalTo("open_request_exists"));
        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(1));
    }

    @Test
    void othersGet404() {
        long id = Flows.request(TestUser.engineer(), ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser stranger = TestUser.engineer();
        stranger.api().get("/api/v1/requests/" + id).then().statusCode(404).body("error", equalTo("not_found"));
        stranger.api().get("/api/v1/requests?size=100").then().body("items.findAll { it.id == " + id + " }.size()", equalTo(0));
        TestUser.approver().api().get("/api/v1/requests/" + id).then().statusCode(200);
        TestUser.auditor().api().get("/api/v1/requests/" + id).then().statusCode(200);
    }

    @Test
    void requesterCancelsPendingOrApprovedButNothingElse() {
        TestUser requester = TestUser.engineer();
        long pending = Flows.request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser.approver().api().post("/api/v1/requests/" + pending + "/cancel")
                .then().statusCode(403).body("error", equalTo("not_requester"));
        requester.api().post("/api/v1/requests/" + pending + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        requester.api().post("/api/v1/requests/" + pending + "/cancel").then().statusCode(409).body("error", equalTo("not_cancellable"));
        assertEquals(1, AuditTrail.count(pending, "request.cancelled", null));

        long approved = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + approved + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        requester.api().post("/api/v1/requests/" + approved + "/session").then().statusCode(409);
    }

    @Test
    void pendingRequestExpiresAfterItsTtl() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, EPHEMERAL, "IAMAuditRootUserCredentials"); // short-deadlines: 2 s TTL
        clock.shiftTo(java.time.Instant.now().plusSeconds(3)); // past the rule's 2-second deadline
        TestUser.approver().api().body(java.util.Map.of("decision", "APPROVE", "comment", "late"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(409).body("error", equalTo("request_expired"));
        expiry.run();
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("EXPIRED"));
        assertEquals(1, AuditTrail.count(id, "request.expired", null));
    }

    @Test
    void approvalLapsesAfterTheActivationWindow() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, EPHEMERAL, "IAMAuditRootUserCredentials");
        Flows.approve(TestUser.approver(), id);
        clock.shiftTo(java.time.Instant.now().plusSeconds(3)); // past the rule's 2-second deadline
        requester.api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(409).body("error", equalTo("activation_window_passed"));
        expiry.run();
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("EXPIRED"));
    }

    @Test
    void everyTransitionOfAStartedSessionIsAudited() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        requester.api().get("/api/v1/requests/" + id).then()
                .body("timeline.action", equalTo(java.util.List.of("request.created", "decision.recorded",
                        "request.approved", "request.starting", "request.active")));
    }

    @Test
    void listsFilterByMineAwaitingMeAndStatus() {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser approver = TestUser.approver();

        requester.api().get("/api/v1/requests?mine=true").then().body("items.id", equalTo(java.util.List.of((int) id)));
        approver.api().get("/api/v1/requests?awaitingMe=true&size=100").then().body("items.id", hasItems((int) id));
        requester.api().get("/api/v1/requests?awaitingMe=true").then().body("total", equalTo(0));
        Flows.approve(approver, id);
        approver.api().get("/api/v1/requests?awaitingMe=true&size=100").then()
                .body("items.findAll { it.id == " + id + " }.size()", equalTo(0));
        // Once decided, it does not vanish from the approver's view: it is under "decided by me".
        approver.api().get("/api/v1/requests?decidedByMe=true").then().body("items.id", equalTo(java.util.List.of((int) id)));
        TestUser.approver().api().get("/api/v1/requests?decidedByMe=true").then().body("total", equalTo(0));
        requester.api().get("/api/v1/requests?mine=true&status=APPROVED").then().body("total", equalTo(1));
        requester.api().get("/api/v1/requests?mine=true&status=PENDING").then().body("total", equalTo(0));
    }

    @Test
    void awaitingMeDropsWhatIAlreadyDecidedWhileOthersStillSeeIt() {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy"); // two approvals
        TestUser first = TestUser.approver();
        TestUser second = TestUser.approver();
        Flows.approve(first, id);

        first.api().get("/api/v1/requests?awaitingMe=true&size=100").then()
                .body("items.findAll { it.id == " + id + " }.size()", equalTo(0));
        second.api().get("/api/v1/requests?awaitingMe=true&size=100").then().body("items.id", hasItems((int) id));
    }

    @Test
    void deadlinesAppliedByFourReplicasAtOnceMoveEachRequestOnce() throws Exception {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(Flows.request(TestUser.engineer(), EPHEMERAL, "IAMAuditRootUserCredentials"));
        }
        clock.shiftTo(java.time.Instant.now().plusSeconds(3)); // past the rule's 2-second deadline
        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(replicas.submit(() -> {
                go.await();
                expiry.run();
                return null;
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> run : runs) {
            run.get();
        }
        replicas.shutdown();
        for (long id : ids) {
            assertEquals(1, AuditTrail.count(id, "request.expired", null), "request " + id);
        }
    }

    @Test
    void tenIdenticalRequestsAtOnceOpenOne() throws Exception {
        TestUser requester = TestUser.engineer();
        String token = requester.token();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<io.restassured.response.Response>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return requester.api(token).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                        .post("/api/v1/requests");
            }));
        }
        go.countDown();
        java.util.List<Integer> createdIds = new java.util.ArrayList<>();
        java.util.List<Object> namedOpenRequests = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<io.restassured.response.Response> result : results) {
            io.restassured.response.Response answer = result.get();
            if (answer.statusCode() == 201) {
                createdIds.add(answer.path("id"));
            } else {
                assertEquals(409, answer.statusCode(), answer.asString());
                namedOpenRequests.add(answer.path("openRequestId"));
            }
        }
        pool.shutdown();
        assertEquals(1, createdIds.size());
        // Also those that lost at the unique index, not at the check before it, name the request they lost to.
        assertEquals(java.util.Collections.nCopies(9, createdIds.get(0)), namedOpenRequests);
        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(1));
    }

    @Test
    void requestOutsideTheRulesChangeWindowsIsRefused() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        org.junit.jupiter.api.Assumptions.assumeFalse(now.getDayOfWeek() == java.time.DayOfWeek.SATURDAY
                && now.getHour() == 0 && now.getMinute() < 2, "the closed-window rule is open right now");
        TestUser requester = TestUser.engineer();
        requester.api().body(Flows.body(Flows.QUORUM, "SQSUnlockQueuePolicy")).post("/api/v1/requests")
                .then().statusCode(403).body("error", equalTo("outside_change_window"));
        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(0));
    }
}
