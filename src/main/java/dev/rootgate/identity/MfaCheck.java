package dev.rootgate.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The MFA rule of requesting, deciding and starting: an accepted method in {@code amr}, and an {@code auth_time}
 * no older than the rule's max age. Anything else fails closed.
 */
public final class MfaCheck {

    /** Clocks of the IdP and rootgate may disagree a little; an auth_time further in the future is not trusted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public enum Result {
        FRESH, MISSING, STALE
    }

    private MfaCheck() {
    }

    /** An accepted second factor and a time to judge its age by that is not in the future. */
    public static boolean multiFactor(MfaEvidence evidence, Set<String> acceptedMethods, Instant now) {
        return evidence.methods().stream().anyMatch(acceptedMethods::contains)
                && evidence.authTime().filter(authTime -> !authTime.isAfter(now.plus(CLOCK_SKEW))).isPresent();
    }

    public static Result evaluate(MfaEvidence evidence, Set<String> acceptedMethods, Duration maxAge, Instant now) {
        if (!multiFactor(evidence, acceptedMethods, now)) {
            return Result.MISSING;
        }
        return evidence.authTime().get().isBefore(now.minus(maxAge)) ? Result.STALE : Result.FRESH;
    }
}
