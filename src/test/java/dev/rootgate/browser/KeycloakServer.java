package dev.rootgate.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Keycloak for the browser journeys, started before rootgate and stopped after it. It imports the operator's
 * example realm ({@code deploy/keycloak/rootgate-realm.json}) with only the redirect address changed to the port
 * rootgate gets here, into a fresh H2 database under {@code target/}. Its log goes to {@code target/keycloak.log}.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {

    static final Path REALM_FILE = Path.of("deploy/keycloak/rootgate-realm.json");
    static final String REALM = "rootgate";
    private static final String EXAMPLE_ORIGIN = "http://127.0.0.1:8080";
    private static final Duration STARTUP = Duration.ofMinutes(8);

    private Process keycloak;

    @Override
    public Map<String, String> start() {
        Path home = KeycloakDistribution.home();
        int keycloakPort = freePort();
        int rootgatePort = freePort();
        String origin = "http://127.0.0.1:" + rootgatePort;
        try {
            deleteRecursively(home.resolve("data/h2"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            String realm = Files.readString(REALM_FILE).replace(EXAMPLE_ORIGIN, origin);
            Files.writeString(imports.resolve("rootgate-realm.json"), realm);
            Path log = Path.of("target/keycloak.log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + keycloakPort,
                    "--http-management-port=" + freePort(), "--import-realm")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", KeycloakDistribution.java21().toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", UUID.randomUUID().toString());
            keycloak = builder.start();
            String issuer = "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM;
            awaitDiscovery(issuer, log);
            return Map.of("quarkus.oidc.auth-server-url", issuer,
                    "quarkus.oidc.credentials.secret", clientSecret(),
                    "quarkus.http.test-port", String.valueOf(rootgatePort),
                    "rootgate.base-url", origin);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    @Override
    public void stop() {
        if (keycloak == null) {
            return;
        }
        List<ProcessHandle> children = keycloak.descendants().toList();
        keycloak.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!keycloak.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                keycloak.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keycloak.destroyForcibly();
        }
        keycloak = null;
    }

    /** The realm's client secret, as the operator's example sets it. */
    static String clientSecret() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(REALM_FILE.toFile());
        return realm.path("clients").get(0).path("secret").asText();
    }

    private void awaitDiscovery(String issuer, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting (exit " + keycloak.exitValue()
                        + "); its log is " + log + ":\n" + tail(log));
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            pause();
        }
        stop();
        throw new IllegalStateException("Keycloak did not answer discovery within " + STARTUP + "; see " + log);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
