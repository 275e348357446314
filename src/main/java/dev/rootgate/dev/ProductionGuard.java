package dev.rootgate.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.rootgate.support.Ed25519Keys;
import dev.rootgate.support.PublicUrl;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Production refuses the stand-ins of dev mode (the embedded database, the STS simulator, the dev identity
 * provider and its simulated MFA, the Slack, SQS and CloudTrail simulators) and refuses to run with a required
 * setting missing or unsafe: one clear line each. It runs while the run-time configuration is assembled (from
 * {@link GuardOrStandIns}), before any extension starts, so its lines come first and all together.
 */
final class ProductionGuard {

    static final List<String> STAND_INS = List.of("rootgate.dev.embedded-database", "rootgate.dev.sts-simulator",
            "rootgate.dev.identity-provider", "rootgate.dev.slack-simulator", "rootgate.dev.sqs-simulator",
            "rootgate.dev.cloudtrail-simulator");
    static final String BASE_URL = "rootgate.base-url";
    static final String CSRF_KEY = "quarkus.rest-csrf.token-signature-key";
    static final String CHECKPOINT_KEY = "rootgate.audit.checkpoint-key";
    static final String CHECKPOINT_PUBLIC_KEY = "rootgate.audit.checkpoint-public-key";
    static final List<String> REQUIRED = List.of("quarkus.datasource.jdbc.url", "quarkus.oidc.auth-server-url",
            "quarkus.oidc.client-id", "quarkus.oidc.credentials.secret", "rootgate.sts.region", "rootgate.policy.file",
            BASE_URL, CSRF_KEY, CHECKPOINT_KEY, CHECKPOINT_PUBLIC_KEY);
    /** quarkus-rest-csrf fails every form with a shorter key (HMAC-SHA256), so it is refused at start instead. */
    static final int CSRF_KEY_MIN_LENGTH = 32;
    static final String CLIENT_SECRET = "quarkus.oidc.credentials.secret";
    static final String STATE_SECRET = "quarkus.oidc.authentication.state-secret";
    /**
     * quarkus-oidc encrypts a login's state cookie (PKCE verifier, nonce) with the client secret when it has 32
     * characters or more, and otherwise with a key each JVM makes up at start: a login begun on one replica would
     * then fail on the replica that receives the identity provider's redirect.
     */
    static final int SHARED_STATE_KEY_MIN_LENGTH = 32;

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
            Optional<String> value = config.apply(key);
            if (value.filter(Switches::on).isPresent()) {
                problems.add(key + "=" + value.get().strip() + " is for dev mode and tests only; production must not use it");
            }
        }
        for (String key : REQUIRED) {
            if (config.apply(key).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add(key + " is required in production and is not set");
            }
        }
        config.apply(BASE_URL).filter(value -> !value.isBlank() && !PublicUrl.isHttps(value)).ifPresent(value -> problems.add(
                BASE_URL + " must be an https:// URL in production (cookies are Secure, pages send HSTS); it is " + value));
        config.apply(CSRF_KEY).filter(value -> !value.isBlank() && value.length() < CSRF_KEY_MIN_LENGTH)
                .ifPresent(value -> problems.add(CSRF_KEY + " must be at least " + CSRF_KEY_MIN_LENGTH
                        + " characters long; it has " + value.length()));
        boolean sharedStateKey = config.apply(STATE_SECRET).filter(value -> value.length() >= SHARED_STATE_KEY_MIN_LENGTH)
                .isPresent();
        config.apply(CLIENT_SECRET).filter(value -> !value.isBlank() && value.length() < SHARED_STATE_KEY_MIN_LENGTH
                && !sharedStateKey).ifPresent(value -> problems.add(CLIENT_SECRET + " has fewer than "
                        + SHARED_STATE_KEY_MIN_LENGTH + " characters, so each replica would encrypt login state with a key of"
                        + " its own and logins would fail across replicas; set " + STATE_SECRET + " (at least "
                        + SHARED_STATE_KEY_MIN_LENGTH + " characters, the same on every replica)"));
        Optional<String> checkpointKey = config.apply(CHECKPOINT_KEY).filter(value -> !value.isBlank());
        Optional<String> checkpointPublicKey = config.apply(CHECKPOINT_PUBLIC_KEY).filter(value -> !value.isBlank());
        if (checkpointKey.isPresent() && checkpointPublicKey.isPresent()) {
            Ed25519Keys.problemWith(checkpointKey.get(), checkpointPublicKey.get())
                    .ifPresent(problem -> problems.add(CHECKPOINT_KEY + " " + problem));
        }
        return problems;
    }
}
