package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The packaged application, started as production, refuses stand-ins and missing settings, one line each. */
class ProductionRefusesStandInsIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private record Run(int exitCode, String output) {
    }

    private static Run start(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(properties));
        command.addAll(List.of("-Dquarkus.http.port=0", "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("ROOTGATE_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("production start did not stop by itself:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    @Test
    void missingSettingsAreNamedOneLineEach() throws Exception {
        Run run = start();
        assertNotEquals(0, run.exitCode());
        for (String key : List.of("quarkus.datasource.jdbc.url", "quarkus.oidc.auth-server-url",
                "quarkus.oidc.credentials.secret", "rootgate.policy.file", "rootgate.base-url",
                "quarkus.rest-csrf.token-signature-key", "rootgate.audit.checkpoint-key",
                "rootgate.audit.checkpoint-public-key")) {
            assertTrue(run.output().contains("  - " + key + " is required in production and is not set"), run.output());
        }
    }

    /** Every stand-in switched on, each in a spelling that SmallRye reads as true. */
    @Test
    void everyStandInIsRefusedHoweverItIsSpelled() throws Exception {
        Run run = start("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:1/rootgate",
                "-Dquarkus.oidc.auth-server-url=http://127.0.0.1:1/realms/corp", "-Dquarkus.oidc.credentials.secret=x",
                "-Drootgate.policy.file=/etc/rootgate/policy.yaml", "-Drootgate.base-url=https://rootgate.example.com",
                "-Dquarkus.rest-csrf.token-signature-key=a-32-character-key-from-the-vault",
                "-Drootgate.audit.checkpoint-key=" + ProductionGuardTest.CHECKPOINT_KEY,
                "-Drootgate.audit.checkpoint-public-key=" + ProductionGuardTest.CHECKPOINT_PUBLIC_KEY,
                "-Drootgate.dev.embedded-database=yes", "-Drootgate.dev.sts-simulator=on",
                "-Drootgate.dev.identity-provider=1", "-Drootgate.dev.slack-simulator=y",
                "-Drootgate.dev.cloudtrail-simulator=On");
        assertNotEquals(0, run.exitCode());
        for (String standIn : ProductionGuard.STAND_INS) {
            assertTrue(run.output().contains("  - " + standIn + "="), run.output());
        }
        assertTrue(run.output().contains("  - rootgate.dev.sts-simulator=on is for dev mode and tests only"), run.output());
        assertTrue(!run.output().contains("is required in production"), run.output());
    }

    @Test
    void plainHttpAndAShortCsrfKeyAreRefused() throws Exception {
        Run run = start("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:1/rootgate",
                "-Dquarkus.oidc.auth-server-url=http://127.0.0.1:1/realms/corp", "-Dquarkus.oidc.credentials.secret=x",
                "-Drootgate.policy.file=/etc/rootgate/policy.yaml", "-Drootgate.base-url=http://rootgate.example.com",
                "-Dquarkus.rest-csrf.token-signature-key=short");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.output().contains("  - rootgate.base-url must be an https:// URL in production"), run.output());
        assertTrue(run.output().contains("  - quarkus.rest-csrf.token-signature-key must be at least 32 characters"),
                run.output());
    }
}
