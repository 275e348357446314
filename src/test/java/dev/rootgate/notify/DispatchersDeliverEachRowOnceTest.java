package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.Slack;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dispatchers as separate instances on the application's database, as replicas would be: each with its own
 * connections and locks, none sharing memory with another. Their rows have a sink of their own, which the
 * application's dispatcher does not know and so leaves alone.
 */
@QuarkusTest
class DispatchersDeliverEachRowOnceTest {

    private static final int THREADS = 4;
    private static final int REPLIES = 5;

    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;

    @Test
    void twoDispatchersAtOnceDeliverEachRowExactlyOnceAndEachThreadInOrder() throws Exception {
        String sink = "slack-" + UUID.randomUUID();
        String channel = "#twice-" + sink.substring(6, 14);
        write(sink, channel);
        Thread.sleep(2_000);
        assertEquals(THREADS * (REPLIES + 1), pending(sink), "the application's dispatcher leaves an unknown sink alone");

        Dispatcher one = dispatcher(sink);
        Dispatcher two = dispatcher(sink);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (pending(sink) > 0 && System.currentTimeMillis() < deadline) {
                Future<Integer> first = pool.submit(one::drain);
                Future<Integer> second = pool.submit(two::drain);
                first.get();
                second.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertDeliveredOnceInOrder(sink, channel);
    }

    @Test
    void aDispatcherStartedAfterAnotherStoppedDeliversWhatWasLeftWithNoneLostOrDoubled() throws Exception {
        String sink = "slack-" + UUID.randomUUID();
        String channel = "#restart-" + sink.substring(6, 14);
        write(sink, channel);
        Slack.fail(500, null, channel + " t1 parent", 1);

        Dispatcher stopped = dispatcher(sink);
        for (int i = 0; i < 3; i++) {
            stopped.deliverOne();
        }

        Dispatcher restarted = dispatcher(sink);
        long deadline = System.currentTimeMillis() + 30_000;
        while (pending(sink) > 0 && System.currentTimeMillis() < deadline) {
            restarted.drain();
            Thread.sleep(200);
        }
        assertDeliveredOnceInOrder(sink, channel);
    }

    private Dispatcher dispatcher(String sink) {
        return new Dispatcher(dataSource, List.of(new SlackSink(sink, URI.create(Slack.apiUrl()), Slack.token())), clock,
                new Dispatcher.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 10));
    }

    /** Parents first, then replies across threads in turn: order must hold per thread, not across threads. */
    private void write(String sink, String channel) throws SQLException {
        for (int t = 0; t < THREADS; t++) {
            insert(sink, SlackSink.PARENT, sink + ":t" + t, "{\"channel\":\"" + channel + "\",\"text\":\"" + channel
                    + " t" + t + " parent\"}");
        }
        for (int r = 0; r < REPLIES; r++) {
            for (int t = 0; t < THREADS; t++) {
                insert(sink, SlackSink.REPLY, sink + ":t" + t, "{\"text\":\"" + channel + " t" + t + " reply " + r + "\"}");
            }
        }
    }

    private void assertDeliveredOnceInOrder(String sink, String channel) throws SQLException {
        assertEquals(0, pending(sink), "nothing left behind");
        List<JsonNode> inChannel = Slack.messages().stream().filter(m -> m.path("channel").asText().equals(channel)).toList();
        assertEquals(THREADS * (REPLIES + 1), inChannel.size(), "each row once: " + inChannel);
        for (int t = 0; t < THREADS; t++) {
            String prefix = channel + " t" + t + " ";
            List<String> thread = inChannel.stream().map(m -> m.path("text").asText()).filter(text -> text.startsWith(prefix))
                    .toList();
            List<String> expected = new ArrayList<>(List.of(prefix + "parent"));
            for (int r = 0; r < REPLIES; r++) {
                expected.add(prefix + "reply " + r);
            }
            assertEquals(expected, thread, "thread t" + t + " in the order written");
        }
    }

    private void insert(String sink, String kind, String thread, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (sink, kind, thread_key, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(clock.instant());
            insert.setString(1, sink);
            insert.setString(2, kind);
            insert.setString(3, thread);
            insert.setString(4, payload);
            insert.setTimestamp(5, now);
            insert.setTimestamp(6, now);
            insert.executeUpdate();
        }
    }

    private int pending(String sink) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM outbox WHERE sink = ? AND state <> 'DELIVERED'")) {
            count.setString(1, sink);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
