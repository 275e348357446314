package dev.rootgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * deploy/Dockerfile: built by the Maven wrapper in a first stage, run from a JRE 17 image as a numeric non-root
 * user, every base image tagged (never latest), and no registry host written into the repository's deploy files.
 */
class DockerfileBuildsANonRootImageTest {

    private static final Path DOCKERFILE = Path.of("deploy", "Dockerfile");
    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
    private static final Pattern REGISTRY_HOST = Pattern.compile(
            "(?i)(docker\\.io|ghcr\\.io|quay\\.io|gcr\\.io|\\.dkr\\.ecr\\.|\\bregistry\\.[a-z0-9-]+\\.[a-z]|azurecr\\.io|public\\.ecr\\.aws)");

    private static List<String> instructions() throws IOException {
        return Files.readAllLines(DOCKERFILE).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    @Test
    void twoStagesTheFirstBuildsWithTheWrapperTheLastRunsOnAJre() throws IOException {
        List<Matcher> stages = instructions().stream().map(FROM::matcher).filter(Matcher::matches).toList();
        assertEquals(2, stages.size());
        String buildStage = stages.get(0).group(2);
        assertTrue(buildStage != null);
        assertTrue(instructions().contains("RUN ./mvnw -B package -DskipTests"));
        assertTrue(stages.get(1).group(1).matches("eclipse-temurin:17[^ ]*-jre[^ ]*|eclipse-temurin:17-jre"),
                stages.get(1).group(1));
        assertTrue(instructions().stream().anyMatch(line -> line.matches(
                "COPY --from=" + buildStage + " /src/target/quarkus-app/ \\S+")), "the last stage takes only target/quarkus-app");
        String entrypoint = instructions().stream().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertTrue(entrypoint.contains("quarkus-run.jar"), entrypoint);
    }

    @Test
    void everyBaseImageIsTaggedNeverLatest() throws IOException {
        for (String line : instructions()) {
            Matcher from = FROM.matcher(line);
            if (from.matches()) {
                String image = from.group(1);
                assertTrue(image.contains(":") || image.contains("@sha256:"), image + " is pinned");
                assertFalse(image.endsWith(":latest"), image);
            }
        }
    }

    @Test
    void theLastUserIsNumericAndNotRoot() throws IOException {
        List<String> users = instructions().stream().filter(line -> line.startsWith("USER ")).toList();
        assertFalse(users.isEmpty());
        String user = users.get(users.size() - 1).substring("USER ".length()).strip();
        assertTrue(user.matches("[1-9][0-9]*(:[1-9][0-9]*)?"), "a numeric non-root uid: " + user);
        int lastFrom = 0;
        List<String> lines = instructions();
        for (int i = 0; i < lines.size(); i++) {
            if (FROM.matcher(lines.get(i)).matches()) {
                lastFrom = i;
            }
        }
        assertTrue(lines.indexOf(users.get(users.size() - 1)) > lastFrom, "USER is set in the image that runs");
        assertTrue(lines.stream().anyMatch(line -> line.contains("-Djava.io.tmpdir=/tmp")),
                "the JVM writes its temporary files to /tmp, the one writable directory");
    }

    @Test
    void noRegistryHostIsNamedOutsideFromLines() throws IOException {
        try (Stream<Path> files = Stream.concat(Stream.of(DOCKERFILE, Path.of("deploy", "README.md")),
                Files.walk(Manifests.K8S))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!(file.equals(DOCKERFILE) && FROM.matcher(line.strip()).matches())) {
                        assertFalse(REGISTRY_HOST.matcher(line).find(), file + ": " + line);
                    }
                }
            }
        }
    }
}
