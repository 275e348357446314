package dev.rootgate.approval;

import static dev.rootgate.support.Flows.QUORUM;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.rootgate.request.Decision;
import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Concurrent decisions never lose a vote nor over-count: ten approvers at once on a three-approval rule. */
@QuarkusTest
class ConcurrentDecisionsTest {

    @Test
    void tenParallelApproversApproveExactlyOnce() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, QUORUM, "IAMDeleteRootUserCredentials");
        List<TestUser> approvers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestUser approver = TestUser.approver();
            approvers.add(approver);
            tokens.add(approver.token());
        }

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestUser approver = approvers.get(i);
            String token = tokens.get(i);
            results.add(pool.submit((Callable<Integer>) () -> {
                go.await();
                return approver.api(token).body(Map.of("decision", "APPROVE", "comment", "ok"))
                        .post("/api/v1/requests/" + id + "/decisions").statusCode();
            }));
        }
        go.countDown();
        int accepted = 0;
        int refused = 0;
        for (Future<Integer> result : results) {
            int status = result.get();
            accepted += status == 200 ? 1 : 0;
            refused += status == 409 ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(3, accepted, "exactly the quorum is counted");
        assertEquals(7, refused, "the votes after the quorum find the request no longer pending");
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"))
                .body("approvalsReceived", equalTo(3)).body("decisions.size()", equalTo(3));
        assertEquals(1, AuditTrail.count(id, "request.approved", null));
        // Every vote is on record: three as decisions, seven as audited refusals.
        assertEquals(3, AuditTrail.count(id, "decision.recorded", null));
        assertEquals(7, AuditTrail.count(id, "refused", "not_pending"));
        assertEquals(3L, QuarkusTransaction.requiringNew().call(() -> Decision.count("requestId", id)));
    }
}
