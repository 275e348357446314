package dev.rootgate.policy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The policy files the tests read, and a shortcut for inline ones. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    static Policy parse(String yaml) {
        return PolicyParser.parse("test.yaml", yaml.getBytes(UTF_8));
    }

    static byte[] devPolicy() {
        try (InputStream in = PolicyFiles.class.getResourceAsStream("/dev-policy.yaml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs in the project directory. */
    static byte[] examplePolicy() {
        try {
            return Files.readAllBytes(Path.of("deploy/policy.example.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
