package dev.rootgate.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Loads the policy file once, at start-up: a file that does not parse stops rootgate with its line and reason
 * (fail closed), so a running rootgate always has a valid policy.
 */
@ApplicationScoped
public class PolicyService {

    private static final Logger LOG = Logger.getLogger(PolicyService.class);
    private static final String CLASSPATH = "classpath:";

    private final Policy policy;

    // Optional here so that a missing setting is reported by ProductionGuard with the others, not alone.
    PolicyService(@ConfigProperty(name = "rootgate.policy.file") Optional<String> configured) {
        String location = configured.orElseThrow(() -> new IllegalStateException("rootgate.policy.file is not set"));
        this.policy = PolicyParser.parse(location, read(location));
        LOG.infof("policy %s loaded: %d accounts, %d rules, sha256 %s", location, policy.accounts().size(),
                policy.rules().size(), policy.sha256());
    }

    void loadAtStartup(@Observes StartupEvent event) {
        // Observing the start-up event makes the bean (and so the policy check) run before the first request.
    }

    public Policy current() {
        return policy;
    }

    private static byte[] read(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new PolicyException(location, 1, "no such resource on the class path");
                    }
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new PolicyException(location, 1, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy file " + location, e);
        }
    }
}
