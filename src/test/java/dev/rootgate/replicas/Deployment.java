package dev.rootgate.replicas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import dev.rootgate.dev.DevIdentityProvider;
import dev.rootgate.dev.SlackSimulator;
import dev.rootgate.dev.StsSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Production as the integration tests build it: one PostgreSQL, one identity provider, STS and Slack (the stand-ins,
 * started in the test's JVM and configured as real endpoints), and two replicas of the packaged application that
 * share all their configuration — each behind its own road to the database, which a test can cut. Started once per
 * test JVM, for every IT that needs it, and stopped when that JVM ends.
 */
final class Deployment {

    /** The name both replicas answer to behind the load balancer (the dev identity provider redirects to local names only). */
    static final String PUBLIC_HOST = "localhost";
    static final String PUBLIC_URL = "https://" + PUBLIC_HOST;
    static final String CLIENT_ID = "rootgate";
    /** At least 32 characters: quarkus-oidc derives the state and session cookie keys from it on every replica alike. */
    static final String CLIENT_SECRET = "replicas-share-this-client-secret-0123456789";
    static final String SLACK_TOKEN = "xoxb-replicas-test";
    static final String ALERTS_CHANNEL = "#root-alerts";

    private static Deployment shared;

    final EmbeddedPostgres postgres;
    final DataSource database;
    final DevIdentityProvider identityProvider;
    final StsSimulator sts;
    final SlackSimulator slack;
    final Replica a;
    final Replica b;
    private final Map<String, String> configuration;
    private final Map<String, String> environment;

    private Deployment() throws IOException, GeneralSecurityException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
        identityProvider = DevIdentityProvider.start(0, CLIENT_ID, CLIENT_SECRET);
        sts = StsSimulator.start(0);
        slack = SlackSimulator.start(0, SLACK_TOKEN);
        // The test support (TestUser, Sts, Slack) finds the stand-ins through these keys, as it does under @QuarkusTest.
        System.setProperty("quarkus.oidc.auth-server-url", identityProvider.issuer().toString());
        System.setProperty("quarkus.oidc.credentials.secret", CLIENT_SECRET);
        System.setProperty("rootgate.dev.sts-simulator.control-url", sts.controlEndpoint().toString());
        System.setProperty("rootgate.dev.slack-simulator.url", slack.url().toString());
        System.setProperty("rootgate.slack.token", SLACK_TOKEN);

        configuration = sharedConfiguration();
        environment = Map.of("AWS_ACCESS_KEY_ID", "AKIDREPLICAS", "AWS_SECRET_ACCESS_KEY",
                "replicas-signing-key", "AWS_EC2_METADATA_DISABLED", "true");
        a = replica("a", configuration, environment);
        b = replica("b", configuration, environment);
        // One after the other, on a shared CI machine: the first migrates, the second finds the schema in place.
        try {
            a.start();
            b.start();
        } catch (RuntimeException | AssertionError failed) {
            stop();
            throw failed;
        }
    }

    static synchronized Deployment shared() {
        if (shared == null) {
            try {
                shared = new Deployment();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("the deployment did not start", e);
            }
            Deployment started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop the deployment"));
        }
        return shared;
    }

    /** The first column of the first row of {@code sql}, a number. */
    long count(String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of {@code sql}, each as its columns' text. */
    List<List<String>> rows(String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    List<String> columns = new ArrayList<>();
                    for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                        columns.add(row.getString(c));
                    }
                    rows.add(columns);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Waits until {@code condition} holds, up to {@code seconds}; false when it never did. */
    static boolean eventually(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** One more replica of the same configuration, for a test that stops it; the caller stops it too. */
    Replica another(String name) {
        Replica replica = replica(name, configuration, environment);
        replica.start();
        return replica;
    }

    /**
     * A replica started through {@code launcher}, from {@code jar}, with some settings replaced and some environment
     * added: the way the container image runs it.
     */
    Replica another(String name, List<String> launcher, String jar, Map<String, String> settings,
            Map<String, String> addedEnvironment) {
        TcpProxy road = new TcpProxy(postgres.getPort());
        Map<String, String> own = new HashMap<>(configuration);
        own.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + road.port() + "/postgres");
        own.putAll(settings);
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(addedEnvironment);
        Replica replica = new Replica(name, road, own, env, launcher, jar);
        replica.start();
        return replica;
    }

    /** Until the request has the status, up to 20 s. */
    void awaitStatus(long id, String status) throws InterruptedException {
        if (!eventually(20, () -> count("SELECT count(*) FROM access_request WHERE id = ? AND status = ?", id, status) == 1)) {
            throw new AssertionError("request " + id + " never became " + status);
        }
    }

    List<Replica> replicas() {
        return List.of(a, b);
    }

    /** Both replicas' roads to the database cut at once: PostgreSQL is down. */
    void databaseDown() {
        a.database.cut();
        b.database.cut();
    }

    void databaseUp() {
        a.database.restore();
        b.database.restore();
    }

    private Replica replica(String name, Map<String, String> common, Map<String, String> environment) {
        TcpProxy road = new TcpProxy(postgres.getPort());
        Map<String, String> own = new HashMap<>(common);
        own.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + road.port() + "/postgres");
        return new Replica(name, road, own, environment);
    }

    private Map<String, String> sharedConfiguration() throws GeneralSecurityException {
        KeyPair checkpointKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Map<String, String> configuration = new HashMap<>();
        configuration.put("quarkus.datasource.username", "postgres");
        configuration.put("quarkus.datasource.password", "postgres");
        // Production migrates in an init container (the packaged jar's migrate command, proven by MigrateCommandIT);
        // here the replicas migrate at start instead, one after the other, as the database's superuser.
        configuration.put("%prod.quarkus.flyway.migrate-at-start", "true");
        configuration.put("%prod.quarkus.flyway.validate-at-start", "false");
        configuration.put("quarkus.oidc.auth-server-url", identityProvider.issuer().toString());
        configuration.put("quarkus.oidc.client-id", CLIENT_ID);
        configuration.put("quarkus.oidc.credentials.secret", CLIENT_SECRET);
        configuration.put("rootgate.policy.file", Path.of("src", "test", "resources", "test-policy.yaml").toAbsolutePath().toString());
        configuration.put("rootgate.base-url", PUBLIC_URL);
        configuration.put("quarkus.rest-csrf.token-signature-key", "replicas-share-this-csrf-signing-key-0123456789");
        configuration.put("rootgate.audit.checkpoint-key", Base64.getEncoder().encodeToString(checkpointKeys.getPrivate().getEncoded()));
        configuration.put("rootgate.audit.checkpoint-public-key", Base64.getEncoder().encodeToString(checkpointKeys.getPublic().getEncoded()));
        configuration.put("rootgate.sts.endpoint", sts.endpoint().toString());
        configuration.put("rootgate.slack.api-url", slack.url() + "/api");
        configuration.put("rootgate.slack.token", SLACK_TOKEN);
        configuration.put("rootgate.slack.approvals-channel", "#root-approvals");
        configuration.put("rootgate.slack.alerts-channel", ALERTS_CHANNEL);
        configuration.put("rootgate.http.trusted-proxies", "127.0.0.1/32");
        // Every scheduled job runs often on both replicas, so that they race.
        configuration.put("rootgate.expiry.every", "1s");
        configuration.put("rootgate.notify.every", "1s");
        configuration.put("rootgate.audit.checkpoint-every", "2s");
        // A start lost with its replica is judged INTERRUPTED within seconds: 3 x (1 s + 3 s) + 0.6 s + 1 s.
        configuration.put("rootgate.sts.connect-timeout", "PT1S");
        configuration.put("rootgate.sts.read-timeout", "PT3S");
        configuration.put("rootgate.expiry.abandoned-grace", "PT1S");
        return configuration;
    }

    private void stop() {
        CompletableFuture.allOf(CompletableFuture.runAsync(a::stopNow), CompletableFuture.runAsync(b::stopNow)).join();
        a.database.close();
        b.database.close();
        slack.close();
        sts.close();
        identityProvider.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
