package dev.rootgate.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stand-ins of dev mode and tests, started once per JVM. Their addresses are remembered in system
 * properties rather than static fields because dev mode reloads application classes in a fresh class loader,
 * and a reload must find the running servers instead of starting new ones.
 */
final class EmbeddedServices {

    /**
     * The two roles of production (see deploy/README.md): migrations run as the schema owner, the application as a
     * role with only the grants db-migrations/R__app_role_grants.sql gives it. The embedded server trusts local
     * connections, so the passwords only fill the settings production needs.
     */
    static final String DATABASE_OWNER = "rootgate_owner";
    static final String DATABASE_APP_ROLE = "rootgate_app";
    static final String DATABASE = "rootgate";
    // The dev identity provider's client secret; long enough for quarkus-oidc to derive its cookie keys from it.
    static final String DEV_CLIENT_SECRET = "rootgate-dev-client-secret-not-for-production";
    static final String CLIENT_ID = "rootgate";

    private EmbeddedServices() {
    }

    static String databaseUrl() {
        return remembered("rootgate.embedded.database-url", () -> {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                stopAtExit("embedded PostgreSQL", postgres::close);
                createRoles(postgres);
                return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        });
    }

    /** What a database administrator does once in production: the two login roles and a database the owner owns. */
    private static void createRoles(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + DATABASE_OWNER + " LOGIN PASSWORD '" + DATABASE_OWNER + "'");
            statement.execute("CREATE ROLE " + DATABASE_APP_ROLE + " LOGIN PASSWORD '" + DATABASE_APP_ROLE + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + DATABASE_OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded database's roles could not be created", e);
        }
    }

    static String identityProviderUrl(int port) {
        return remembered("rootgate.embedded.identity-provider-url", () -> {
            DevIdentityProvider idp = DevIdentityProvider.start(port, CLIENT_ID, DEV_CLIENT_SECRET);
            stopAtExit("dev identity provider", idp::close);
            return idp.issuer().toString();
        });
    }

    static String stsSimulatorUrl() {
        startStsSimulator();
        return System.getProperty("rootgate.embedded.sts-url");
    }

    static String stsSimulatorControlUrl() {
        startStsSimulator();
        return System.getProperty("rootgate.embedded.sts-control-url");
    }

    /** The dev bot token the Slack simulator accepts; it opens nothing but the simulator. */
    static final String SLACK_DEV_TOKEN = "xoxb-rootgate-dev-simulator";

    static String slackSimulatorUrl(int port) {
        return remembered("rootgate.embedded.slack-url", () -> {
            SlackSimulator simulator = SlackSimulator.start(port, SLACK_DEV_TOKEN);
            stopAtExit("Slack simulator", simulator::close);
            return simulator.url().toString();
        });
    }

    /** The SQS simulator's endpoint, queue and dead-letter queue, started once; see {@link SqsSimulator}. */
    static synchronized String[] sqsSimulator() {
        if (System.getProperty("rootgate.embedded.sqs-endpoint") == null) {
            SqsSimulator simulator = SqsSimulator.start();
            stopAtExit("SQS simulator", simulator::close);
            System.setProperty("rootgate.embedded.sqs-queue-url", simulator.queueUrl());
            System.setProperty("rootgate.embedded.sqs-dlq-url", simulator.deadLettersUrl());
            System.setProperty("rootgate.embedded.sqs-endpoint", simulator.endpoint().toString());
        }
        return new String[] {System.getProperty("rootgate.embedded.sqs-endpoint"),
                System.getProperty("rootgate.embedded.sqs-queue-url"), System.getProperty("rootgate.embedded.sqs-dlq-url")};
    }

    /** The STS simulator started by this class loader, if any: the CloudTrail simulator's trail is made of its calls. */
    private static StsSimulator stsSimulator;

    /**
     * The CloudTrail simulator's address and its control page's; started once, fed by the STS simulator when this
     * configuration started one.
     */
    static String[] cloudTrailSimulatorUrls(int controlPort, long deliveryDelayMs) {
        String urls = remembered("rootgate.embedded.cloudtrail-urls", () -> {
            CloudTrailSimulator simulator = CloudTrailSimulator.start(controlPort, deliveryDelayMs, currentSts());
            stopAtExit("CloudTrail simulator", simulator::close);
            return simulator.endpoint() + " " + simulator.controlEndpoint();
        });
        return urls.split(" ");
    }

    private static synchronized StsSimulator currentSts() {
        return stsSimulator;
    }

    private static synchronized void startStsSimulator() {
        if (System.getProperty("rootgate.embedded.sts-url") != null) {
            return;
        }
        StsSimulator simulator = StsSimulator.start(0);
        stsSimulator = simulator;
        stopAtExit("STS simulator", simulator::close);
        System.setProperty("rootgate.embedded.sts-control-url", simulator.controlEndpoint().toString());
        System.setProperty("rootgate.embedded.sts-url", simulator.endpoint().toString());
    }

    private static synchronized String remembered(String key, Supplier<String> start) {
        String known = System.getProperty(key);
        if (known == null) {
            known = start.get();
            System.setProperty(key, known);
        }
        return known;
    }

    private static void stopAtExit(String name, AutoCloseableAction stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.close();
            } catch (Exception e) {
                System.err.println("rootgate: could not stop the " + name + ": " + e);
            }
        }, "stop " + name));
    }

    @FunctionalInterface
    private interface AutoCloseableAction {
        void close() throws Exception;
    }
}
