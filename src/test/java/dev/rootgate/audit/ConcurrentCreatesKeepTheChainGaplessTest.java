package dev.rootgate.audit;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Creates racing from many requesters each get their own link: the chain stays gapless and every link verifies. */
@QuarkusTest
class ConcurrentCreatesKeepTheChainGaplessTest {

    private static final int REQUESTERS = 20;

    @Test
    void concurrentCreatesLeaveAGaplessVerifiableChain() throws Exception {
        List<TestUser> requesters = new ArrayList<>();
        for (int i = 0; i < REQUESTERS; i++) {
            requesters.add(TestUser.engineer());
        }
        List<String> tokens = requesters.stream().map(TestUser::token).toList();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTERS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTERS; i++) {
                TestUser requester = requesters.get(i);
                String token = tokens.get(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return requester.api(token).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                            .post("/api/v1/requests").statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        verifyWholeChain();
    }

    private static void verifyWholeChain() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<AuditEvent> events = AuditEvent.list("order by seq");
            String previous = "0".repeat(64);
            long seq = 0;
            for (AuditEvent event : events) {
                assertEquals(++seq, event.seq, "no gap in the sequence");
                assertEquals(previous, event.prevHash, "link " + event.seq + " names the previous hash");
                assertEquals(HashChain.hash(previous, event), event.hash, "link " + event.seq + " verifies");
                previous = event.hash;
            }
            Object[] head = (Object[]) AuditEvent.getEntityManager()
                    .createNativeQuery("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1").getSingleResult();
            assertEquals(seq, ((Number) head[0]).longValue(), "the head is the last link");
            assertEquals(previous, head[1]);
        });
    }
}
