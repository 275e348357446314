package dev.rootgate.ops;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Out of the box tracing is off: with a collector listening where the exporter would send, requests, SQL and the
 * schedulers run and nothing ever connects to it. Only the endpoint differs from the default configuration.
 */
@QuarkusTest
@TestProfile(TracesAreOffByDefaultTest.CollectorListening.class)
class TracesAreOffByDefaultTest {

    private static final String ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";

    public static class CollectorListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ENDPOINT, "http://127.0.0.1:" + listen());
        }
    }

    @Test
    void nothingConnectsToTheCollector() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        // Longer than the batch processor's default schedule delay (5 s): an exporter would have sent by now.
        Thread.sleep(6_000);
        URI collector = URI.create(ConfigProvider.getConfig().getValue(ENDPOINT, String.class));
        try (Socket asking = new Socket(collector.getHost(), collector.getPort())) {
            assertEquals("0", new String(asking.getInputStream().readAllBytes(), US_ASCII), "connections to " + collector);
        }
    }

    /**
     * A port that counts the connections made to it and tells each the count of those before it, so that the test
     * reads the count over the port whichever class loader started it.
     */
    private static int listen() {
        try {
            ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                for (int before = 0;; before++) {
                    try (Socket connection = collector.accept()) {
                        connection.getOutputStream().write(Integer.toString(before).getBytes(US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "collector-stand-in");
            acceptor.setDaemon(true);
            acceptor.start();
            return collector.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
