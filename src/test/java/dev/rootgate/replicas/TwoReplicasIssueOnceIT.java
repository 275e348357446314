package dev.rootgate.replicas;

import static dev.rootgate.support.Flows.EPHEMERAL;
import static dev.rootgate.support.Flows.QUORUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.Flows;
import dev.rootgate.support.Slack;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas of the packaged application on one PostgreSQL, raced: every vote counted once, one AssumeRoot per
 * approval, each deadline applied once, each notification delivered once, one audit chain — and limits that hold
 * across replicas. Nothing that matters is kept in one JVM.
 */
class TwoReplicasIssueOnceIT {

    private static Deployment deployment;
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(16);

    @BeforeAll
    static void start() {
        deployment = Deployment.shared();
    }

    @AfterAll
    static void stop() {
        CLIENTS.shutdownNow();
    }

    private static RequestSpecification on(Replica replica, TestUser user, String token) {
        return user.api(token).baseUri(replica.url().toString());
    }

    /** Runs every call at once (released together) and answers their HTTP statuses in order. */
    private static List<Integer> race(List<Callable<Integer>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> call : calls) {
            futures.add(CLIENTS.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get());
        }
        return statuses;
    }

    private static long create(Replica replica, TestUser requester, String accountId, String taskPolicy) {
        return on(replica, requester, requester.token()).body(Flows.body(accountId, taskPolicy)).post("/api/v1/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void votesAndStartsRacedAcrossReplicasCountOnceAndCallAssumeRootOncePerApproval() throws Exception {
        int requests = 5;
        List<TestUser> requesters = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            TestUser requester = TestUser.engineer();
            requesters.add(requester);
            ids.add(create(deployment.replicas().get(i % 2), requester, QUORUM, "IAMDeleteRootUserCredentials"));
        }

        // Six approvers per request on a three-approval rule, the first of them clicking on both replicas at once.
        List<Callable<Integer>> votes = new ArrayList<>();
        for (long id : ids) {
            for (int i = 0; i < 6; i++) {
                TestUser approver = TestUser.approver();
                String token = approver.token();
                List<Replica> where = i == 0 ? deployment.replicas() : List.of(deployment.replicas().get(i % 2));
                for (Replica replica : where) {
                    votes.add(() -> on(replica, approver, token).body(Map.of("decision", "APPROVE", "comment", "ok"))
                            .post("/api/v1/requests/" + id + "/decisions").statusCode());
                }
            }
        }
        List<Integer> voted = race(votes);
        assertEquals(3L * requests, voted.stream().filter(status -> status == 200).count(), voted.toString());
        assertEquals(4L * requests, voted.stream().filter(status -> status == 409).count(), voted.toString());
        for (long id : ids) {
            assertEquals(3, deployment.count("SELECT count(DISTINCT approver_subject) FROM decision WHERE request_id = ?", id));
            assertEquals(3, deployment.count("SELECT count(*) FROM decision WHERE request_id = ?", id));
            assertEquals(3, deployment.count("SELECT count(*) FROM audit_event WHERE request_id = ? AND action = 'decision.recorded'", id));
            assertEquals(1, deployment.count("SELECT count(*) FROM audit_event WHERE request_id = ? AND action = 'request.approved'", id));
        }

        // Each requester clicks Start four times, twice on each replica, all at once.
        int callsBefore = Sts.callsFor(QUORUM).size();
        List<Callable<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            TestUser requester = requesters.get(i);
            String token = requester.token();
            long id = ids.get(i);
            for (int click = 0; click < 4; click++) {
                Replica replica = deployment.replicas().get(click % 2);
                starts.add(() -> on(replica, requester, token).post("/api/v1/requests/" + id + "/session").statusCode());
            }
        }
        List<Integer> started = race(starts);
        assertEquals(requests, started.stream().filter(status -> status == 201).count(), started.toString());
        assertEquals(3L * requests, started.stream().filter(status -> status == 409).count(), started.toString());

        List<JsonNode> calls = Sts.awaitCallsFor(QUORUM, callsBefore + requests);
        List<JsonNode> issued = calls.subList(callsBefore, calls.size());
        assertEquals(requests, issued.size(), "one AssumeRoot per approved request: " + issued);
        Set<String> issuedKeys = issued.stream().map(call -> call.get("accessKeyId").asText()).collect(Collectors.toSet());
        Set<String> recordedKeys = new HashSet<>();
        for (long id : ids) {
            List<List<String>> row = deployment.rows("SELECT status, access_key_id FROM access_request WHERE id = ?", id);
            assertEquals("ACTIVE", row.get(0).get(0));
            recordedKeys.add(row.get(0).get(1));
            assertEquals(1, deployment.count("SELECT count(*) FROM audit_event WHERE request_id = ? AND action = 'request.active'", id));
        }
        assertEquals(issuedKeys, recordedKeys, "every issued session is the one its request records");
        RecomputedChain.verify(deployment);
    }

    @Test
    void bothReplicasSweepingDeadlinesExpireEachRequestOnce() throws Exception {
        List<Long> pending = new ArrayList<>();
        List<Long> approved = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Replica replica = deployment.replicas().get(i % 2);
            TestUser requester = TestUser.engineer();
            long id = create(replica, requester, EPHEMERAL, "IAMAuditRootUserCredentials");
            if (i % 2 == 0) {
                TestUser approver = TestUser.approver();
                on(deployment.replicas().get((i + 1) % 2), approver, approver.token())
                        .body(Map.of("decision", "APPROVE", "comment", "ok")).post("/api/v1/requests/" + id + "/decisions")
                        .then().statusCode(200);
                approved.add(id);
            } else {
                pending.add(id);
            }
        }
        List<Long> all = new ArrayList<>(pending);
        all.addAll(approved);
        String list = all.stream().map(String::valueOf).collect(Collectors.joining(","));
        // Both replicas run the expiry job every second; the deadlines are two seconds.
        assertTrue(Deployment.eventually(20, () -> deployment.count(
                "SELECT count(*) FROM access_request WHERE status = 'EXPIRED' AND id IN (" + list + ")") == all.size()),
                "every request expires");
        Thread.sleep(2_500); // more runs of both jobs, which must find nothing left to do
        for (long id : all) {
            assertEquals(1, deployment.count("SELECT count(*) FROM audit_event WHERE request_id = ? AND action = 'request.expired'", id),
                    "request " + id + " expired once");
        }
        RecomputedChain.verify(deployment);
    }

    @Test
    void bothReplicasDispatchingDeliverEachNotificationOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestUser requester = TestUser.engineer();
            long id = create(deployment.replicas().get(i % 2), requester, QUORUM, "IAMDeleteRootUserCredentials");
            ids.add(id);
            TestUser approver = TestUser.approver();
            on(deployment.replicas().get((i + 1) % 2), approver, approver.token())
                    .body(Map.of("decision", "APPROVE", "comment", "ok")).post("/api/v1/requests/" + id + "/decisions")
                    .then().statusCode(200);
        }
        for (long id : ids) {
            Slack.parentOf(id);
        }
        assertTrue(Deployment.eventually(20, () -> deployment.count("SELECT count(*) FROM outbox WHERE state <> 'DELIVERED'") == 0),
                "the outbox drains");
        for (long id : ids) {
            String thread = "request:" + id;
            assertEquals(0, deployment.count("SELECT count(*) FROM outbox WHERE thread_key = ? AND attempts <> 1", thread),
                    "no row of request " + id + " was tried twice");
            List<JsonNode> parents = Slack.messages().stream().filter(m -> m.path("threadTs").isNull()
                    && m.path("text").asText().startsWith("Root access request #" + id + " ")).toList();
            assertEquals(1, parents.size(), "request " + id + " announced once");
            long replies = Slack.messages().stream().filter(m -> parents.get(0).path("ts").asText().equals(m.path("threadTs").asText(null))
                    && parents.get(0).path("channelId").asText().equals(m.path("channelId").asText())).count();
            assertEquals(deployment.count("SELECT count(*) FROM outbox WHERE thread_key = ? AND kind = 'slack.reply'", thread), replies,
                    "each reply of request " + id + " posted once");
        }
    }

    @Test
    void refusalsAreCountedAcrossReplicas() throws InterruptedException {
        int second = java.time.LocalTime.now(java.time.ZoneOffset.UTC).getSecond();
        if (second > 45) {
            Thread.sleep((61 - second) * 1000L); // the limits count per minute: all attempts in one window
        }
        TestUser engineer = TestUser.engineer();
        String token = engineer.token();
        List<Integer> statuses = new ArrayList<>();
        // No rule lets an engineer ask for a root password: each attempt is a refusal, whichever replica takes it.
        for (int i = 0; i < 44; i++) {
            statuses.add(on(deployment.replicas().get(i % 2), engineer, token)
                    .body(Flows.body(QUORUM, "IAMCreateRootUserPassword")).post("/api/v1/requests").statusCode());
        }
        assertEquals(40, statuses.stream().filter(status -> status == 403).count(), statuses.toString());
        assertEquals(List.of(429, 429, 429, 429), statuses.subList(40, 44), statuses.toString());
    }
}
