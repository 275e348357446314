package dev.rootgate.replicas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged application (target/quarkus-app), started as production in a JVM of its own, with
 * its road to PostgreSQL through a {@link TcpProxy} the tests can cut. Its log goes to target/replica-NAME.log.
 */
final class Replica {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final TcpProxy database;
    private final Map<String, String> configuration;
    private final Map<String, String> environment;
    private final List<String> launcher;
    private final String jar;
    private final int httpPort = freePort();
    private final int managementPort = freePort();
    private Process process;

    Replica(String name, TcpProxy database, Map<String, String> configuration, Map<String, String> environment) {
        this(name, database, configuration, environment, List.of(), JAR.toString());
    }

    /** A replica whose JVM is started through {@code launcher} (a command that ends by running its arguments). */
    Replica(String name, TcpProxy database, Map<String, String> configuration, Map<String, String> environment,
            List<String> launcher, String jar) {
        this.name = name;
        this.database = database;
        this.configuration = configuration;
        this.environment = environment;
        this.launcher = launcher;
        this.jar = jar;
    }

    /** The replica's JVM, once started. */
    synchronized ProcessHandle process() {
        return process.toHandle();
    }

    /** The replica's own address, as the load balancer reaches it. */
    URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    URI management() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    synchronized void start() {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        configuration.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-Dquarkus.http.port=" + httpPort, "-Dquarkus.management.port=" + managementPort,
                "-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "replica-" + name + ".log").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("ROOTGATE_")
                || key.startsWith("AWS_"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + name + " did not start", e);
        }
        try {
            awaitReady();
        } catch (AssertionError notReady) {
            process.destroyForcibly(); // never outlive the test run
            throw notReady;
        }
    }

    /** SIGTERM, as Kubernetes stops a pod; returns the process, to wait for its end. */
    synchronized Process terminate() {
        process.destroy();
        return process;
    }

    synchronized void stopNow() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The readiness probe of the management port; its status, or -1 when nothing answers. */
    int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(management().resolve("/q/health/ready")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("replica " + name + " exited with " + process.exitValue()
                        + "; see target/replica-" + name + ".log");
            }
            if (readiness() == 200) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while replica " + name + " started");
            }
        }
        throw new AssertionError("replica " + name + " was not ready within 180 s; see target/replica-" + name + ".log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
