package dev.rootgate.lockdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The documented command works on the packaged jar, without a database or any configuration. */
class IamCommandOfThePackagedJarIT {

    @Test
    void thePackagedJarPrintsTheLockdownOfAPolicyFile() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString(), "iam", "deploy/policy.example.yaml")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ends by itself");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("# rootgate-broker-policy.json"), output);
        assertTrue(output.contains("arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"), output);
    }
}
