package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Verification and exports read the chain on a thread of their own, batches ahead of whoever writes it out: every
 * selected event still comes once, in sequence order, and a reader stopped early (a broken link found, a download
 * cancelled) gives its connection back before the walk returns.
 */
@QuarkusTest
class ReadingAheadKeepsTheChainsOrderAndItsConnectionsTest {

    /** A few hand-overs' worth, the last one short. */
    private static final int EVENTS = 2_345;
    /** More walks than the pool has connections, so that one left behind per walk would exhaust it. */
    private static final int WALKS = 30;

    @Inject
    DataSource dataSource;
    @Inject
    SealedEvents sealed;

    /** Written once for both tests: the test database is shared, and every whole-chain walk reads them. */
    private static String actor;

    private String writeEvents() throws Exception {
        if (actor != null) {
            return actor;
        }
        String actor = "read-ahead-" + UUID.randomUUID();
        try (Connection writer = dataSource.getConnection(); Statement insert = writer.createStatement()) {
            // Times on both sides of PostgreSQL's epoch (2000-01-01), to the microsecond: they are read as its count.
            insert.executeUpdate("INSERT INTO audit_event (occurred_at, actor, action, details) SELECT CASE WHEN n % 2 = 0"
                    + " THEN now() ELSE timestamptz '1999-12-31 23:59:59.999999+00' - n * interval '1 hour 1 microsecond'"
                    + " + n * n * interval '1 second' END, '" + actor + "', 'test.read_ahead', '{\"n\":' || n || '}'"
                    + " FROM generate_series(1, " + EVENTS + ") n");
        }
        awaitSealed(actor);
        ReadingAheadKeepsTheChainsOrderAndItsConnectionsTest.actor = actor;
        return actor;
    }

    /** Longer than the usual wait: a few thousand events at once take the sealer a while on a busy machine. */
    private void awaitSealed(String actor) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        try (Connection connection = dataSource.getConnection(); PreparedStatement unsealed = connection.prepareStatement(
                "SELECT count(*) FROM audit_event WHERE actor = ? AND seq IS NULL")) {
            unsealed.setString(1, actor);
            while (true) {
                try (ResultSet row = unsealed.executeQuery()) {
                    row.next();
                    if (row.getLong(1) == 0) {
                        return;
                    }
                }
                assertTrue(Instant.now().isBefore(deadline), "events still unsealed after 90 s");
                Thread.sleep(50);
            }
        }
    }

    private static EventSelection byActor(String actor) {
        return new EventSelection(1, Long.MAX_VALUE, null, actor, null, null, null, null, null);
    }

    @Test
    void everySelectedEventComesOnceInSequenceOrderWithItsTime() throws Exception {
        String actor = writeEvents();
        List<String> stored = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT seq, occurred_at FROM audit_event WHERE actor = ? ORDER BY seq")) {
            query.setString(1, actor);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getLong(1) + " " + rows.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        List<String> streamed = new ArrayList<>();
        sealed.forEach(byActor(actor), event -> streamed.add(event.seq() + " " + event.occurredAt()));
        assertEquals(EVENTS, stored.size());
        assertEquals(stored, streamed);
    }

    @Test
    void aWalkStoppedOrFailedEarlyGivesItsConnectionBack() throws Exception {
        String actor = writeEvents();
        IOException cancelled = new IOException("the client went away");
        for (int walk = 0; walk < WALKS; walk++) {
            int[] seen = { 0 };
            sealed.forEach(byActor(actor), event -> ++seen[0] < 3);
            assertEquals(3, seen[0], "the walk stops where the sink says so");
            seen[0] = 0;
            IOException thrown = assertThrows(IOException.class, () -> sealed.forEach(byActor(actor), event -> {
                if (++seen[0] == 1_234) {
                    throw cancelled;
                }
                return true;
            }));
            assertSame(cancelled, thrown, "the sink's own failure comes out unchanged");
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("audit-chain-reader")),
                "no reading thread outlives its walk");
        int[] all = { 0 };
        sealed.forEach(byActor(actor), event -> ++all[0] > 0);
        assertEquals(EVENTS, all[0], "connections are still there to read the whole selection");
    }
}
