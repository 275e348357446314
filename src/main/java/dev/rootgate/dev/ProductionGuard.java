package dev.rootgate.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;

/**
 * Production refuses the stand-ins of dev mode (the embedded database, the STS simulator, the dev identity
 * provider and its simulated MFA) and refuses to run with a required setting missing: one clear line each.
 */
@ApplicationScoped
public class ProductionGuard {

    private static final Logger LOG = Logger.getLogger(ProductionGuard.class);

    static final List<String> STAND_INS = List.of("rootgate.dev.embedded-database", "rootgate.dev.sts-simulator",
            "rootgate.dev.identity-provider");
    static final List<String> REQUIRED = List.of("quarkus.datasource.jdbc.url", "quarkus.oidc.auth-server-url",
            "quarkus.oidc.client-id", "quarkus.oidc.credentials.secret", "rootgate.sts.region", "rootgate.policy.file",
            "rootgate.base-url");

    void check(@Observes @Priority(1) StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(key -> config.getOptionalValue(key, String.class));
        if (!problems.isEmpty()) {
            problems.forEach(LOG::error);
            throw new IllegalStateException("rootgate refuses to start in production: " + String.join("; ", problems));
        }
    }

    /** The reasons production must not start with this configuration; empty when it may. */
    static List<String> problems(Function<String, Optional<String>> config) {
        List<String> problems = new ArrayList<>();
        for (String key : STAND_INS) {
            if (config.apply(key).map(Boolean::parseBoolean).orElse(false)) {
                problems.add(key + "=true is for dev mode and tests only; production must not use it");
            }
        }
        for (String key : REQUIRED) {
            if (config.apply(key).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add(key + " is required in production and is not set");
            }
        }
        return problems;
    }
}
