package dev.rootgate.policy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tests only: the policy file as an operator would change it while requests are open. Production has no way to
 * swap a policy at run time; this bean exists only on the test class path. A singleton, so no proxy is needed.
 */
@Alternative
@Priority(1)
@Singleton
public class SwappablePolicy extends PolicyService {

    private volatile Policy edited;

    @Inject
    SwappablePolicy(@ConfigProperty(name = "rootgate.policy.file") Optional<String> configured) {
        super(configured);
    }

    @Override
    public Policy current() {
        Policy policy = edited;
        return policy != null ? policy : super.current();
    }

    /** Runs the steps under the test policy file as the edit leaves it, then restores the file as it was. */
    public void whileEdited(UnaryOperator<String> edit, Runnable steps) {
        edited = PolicyParser.parse("edited-test-policy.yaml", edit.apply(testPolicy()).getBytes(UTF_8));
        try {
            steps.run();
        } finally {
            edited = null;
        }
    }

    private static String testPolicy() {
        try (InputStream in = SwappablePolicy.class.getResourceAsStream("/test-policy.yaml")) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
