package dev.rootgate.replicas;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;

/**
 * What the container image promises, kept without a container runtime: the packaged application serves a root
 * session running as the image's numeric user, its files read-only where the image puts them, the whole root
 * filesystem read-only and only /tmp writable (Kubernetes' {@code readOnlyRootFilesystem} with an emptyDir), and the
 * JVM options the image sets. User and options are read from deploy/Dockerfile, so the test follows the image.
 */
class ReadOnlyRootAsTheImagesUserIT {

    private static final Path DOCKERFILE = Path.of("deploy", "Dockerfile");
    private static final Path POLICY = Path.of("src", "test", "resources", "test-policy.yaml");

    private static Deployment deployment;

    @BeforeAll
    static void start() {
        deployment = Deployment.shared();
    }

    @Test
    void aRootSessionIsServedAsTheImagesUserWithOnlyTmpWritable() throws Exception {
        assumeTrue(canConfine(), "confining the JVM as the image does needs root and util-linux's unshare and setpriv");
        assumeFalse(System.getProperty("java.home").startsWith("/opt/"), "the image's /opt would hide this JDK");
        String dockerfile = Files.readString(DOCKERFILE);
        String uid = value(dockerfile, "(?m)^USER (\\d+):(\\d+)$", 1);
        String gid = value(dockerfile, "(?m)^USER (\\d+):(\\d+)$", 2);
        String toolOptions = value(dockerfile, "(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]+)\"$", 1);
        Path log = Path.of("target", "replica-confined.log");
        Files.deleteIfExists(log);

        Replica confined = deployment.another("confined", confinedAs(uid, gid), "/opt/rootgate/quarkus-run.jar",
                Map.of("rootgate.policy.file", "/opt/policy.yaml"), Map.of("JAVA_TOOL_OPTIONS", toolOptions));
        try {
            assertEquals(uid, uidOf(confined.process()), "the JVM runs as the image's user");
            String base = confined.url().toString();
            TestUser requester = TestUser.engineer();
            long id = requester.api().baseUri(base).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                    .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
            TestUser.approver().api().baseUri(base).body(Map.of("decision", "APPROVE", "comment", "read-only root"))
                    .post("/api/v1/requests/" + id + "/decisions").then().statusCode(200);
            String secret = requester.api().baseUri(base).post("/api/v1/requests/" + id + "/session").then()
                    .statusCode(201).extract().jsonPath().getString("secretAccessKey");
            assertFalse(secret.isEmpty());
        } finally {
            confined.stopNow();
            confined.database.close();
        }
        String output = Files.readString(log);
        assertTrue(output.contains("Picked up JAVA_TOOL_OPTIONS: " + toolOptions), "the image's JVM options apply");
        assertFalse(output.contains("Read-only file system"), "nothing tried to write outside /tmp; see " + log);
    }

    /**
     * In a mount namespace of its own: the packaged application and the policy file under a read-only /opt, the root
     * filesystem read-only, a fresh /tmp, then the JVM as the given user with no other groups.
     */
    private static List<String> confinedAs(String uid, String gid) {
        String app = Path.of("target", "quarkus-app").toAbsolutePath().toString();
        String script = String.join(" && ",
                "mount -t tmpfs -o mode=755 tmpfs /opt",
                "mkdir /opt/rootgate",
                "mount --bind '" + app + "' /opt/rootgate",
                "mount -o remount,bind,ro /opt/rootgate",
                "cp '" + POLICY.toAbsolutePath() + "' /opt/policy.yaml",
                "mount -o remount,ro /opt",
                "mount -o remount,bind,ro /",
                "mount -t tmpfs -o mode=1777 tmpfs /tmp",
                "exec setpriv --reuid=" + uid + " --regid=" + gid + " --clear-groups \"$@\"");
        return List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "confined");
    }

    private static boolean canConfine() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs tmpfs /opt && setpriv --reuid=10001 --regid=10001 --clear-groups true")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    private static String uidOf(ProcessHandle process) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
    }

    private static String value(String text, String regex, int group) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "deploy/Dockerfile has " + regex);
        return matcher.group(group);
    }
}
