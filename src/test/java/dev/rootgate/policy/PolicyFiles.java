package dev.rootgate.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** The file must stop start-up as "bad.yaml:<line>: <reason>", the reason containing {@code reason}. */
    static void assertRefused(String why, String yaml, int line, String reason) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicyParser.parse("bad.yaml", yaml.getBytes(UTF_8)), why);

        assertEquals(line, e.line(), () -> why + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.yaml:" + line + ": "), () -> why + ": " + e.getMessage());
        assertTrue(e.reason().contains(reason), () -> why + ": " + e.getMessage());
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
