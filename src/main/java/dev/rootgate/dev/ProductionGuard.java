package dev.rootgate.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Production refuses the stand-ins of dev mode (the embedded database, the STS simulator, the dev identity
 * provider and its simulated MFA) and refuses to run with a required setting missing: one clear line each.
 * It runs while the run-time configuration is assembled (from {@link EmbeddedDefaults}), before any extension
 * starts, so its lines come first and all together.
 */
final class ProductionGuard {

    static final List<String> STAND_INS = List.of("rootgate.dev.embedded-database", "rootgate.dev.sts-simulator",
            "rootgate.dev.identity-provider");
    static final List<String> REQUIRED = List.of("quarkus.datasource.jdbc.url", "quarkus.oidc.auth-server-url",
            "quarkus.oidc.client-id", "quarkus.oidc.credentials.secret", "rootgate.sts.region", "rootgate.policy.file",
            "rootgate.base-url");

    private ProductionGuard() {
    }

    /** Throws, naming every problem on its own line, when production must not start with this configuration. */
    static void enforce(Function<String, Optional<String>> config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("rootgate refuses to start in production:\n  - "
                    + String.join("\n  - ", problems));
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
