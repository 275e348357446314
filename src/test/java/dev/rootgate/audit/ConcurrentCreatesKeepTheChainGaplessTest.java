package dev.rootgate.audit;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Creates racing from many requesters, and sealers racing each other, leave one gapless chain where every link verifies. */
@QuarkusTest
class ConcurrentCreatesKeepTheChainGaplessTest {

    private static final int REQUESTERS = 20;
    /** More than the background sealer's batch, so that it cannot take them all in one turn. */
    private static final int EVENTS = 3 * ChainSealer.BATCH;

    @Inject
    ChainSealer sealer;
    @Inject
    DataSource dataSource;

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
        assertTrue(AuditTrail.sealAndVerifyWholeChain() >= REQUESTERS);
    }

    @Test
    void twoSealersAtOnceNeverRepeatANumberNorForkTheChain() throws Exception {
        String actor = "sealer-race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection head = dataSource.getConnection(); Statement holder = head.createStatement()) {
            // Holding the head while the events arrive makes both sealers (and the background one) wait at the same
            // gate, then take small batches in turns.
            head.setAutoCommit(false);
            holder.executeQuery("SELECT last_seq FROM audit_chain_head FOR UPDATE").close();
            try (Connection writer = dataSource.getConnection(); Statement insert = writer.createStatement()) {
                insert.executeUpdate("INSERT INTO audit_event (occurred_at, actor, action, details) SELECT now(), '"
                        + actor + "', 'test.sealer_race', '{\"n\":' || n || '}' FROM generate_series(1, " + EVENTS + ") n");
            }
            CountDownLatch started = new CountDownLatch(2);
            List<Future<Long>> sealers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sealers.add(pool.submit(() -> {
                    started.countDown();
                    long sealed = 0;
                    for (int batch = sealer.sealBatch(7); batch > 0; batch = sealer.sealBatch(7)) {
                        sealed += batch;
                    }
                    return sealed;
                }));
            }
            started.await();
            Thread.sleep(200); // lets both reach the head's lock; the outcome does not depend on it
            head.rollback();
            long sealedByBoth = sealers.get(0).get() + sealers.get(1).get();
            assertTrue(sealedByBoth > 0 && sealedByBoth <= EVENTS, "sealed by the two: " + sealedByBoth);
        } finally {
            pool.shutdownNow();
        }
        AuditTrail.sealAndVerifyWholeChain();
        try (Connection db = dataSource.getConnection(); Statement query = db.createStatement();
                ResultSet rs = query.executeQuery("SELECT count(DISTINCT seq), count(*) FROM audit_event WHERE actor = '"
                        + actor + "' AND seq IS NOT NULL")) {
            rs.next();
            assertEquals(EVENTS, rs.getLong(1), "every event sealed, each with its own number");
            assertEquals(EVENTS, rs.getLong(2));
        }
    }
}
