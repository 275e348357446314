package dev.rootgate.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import dev.rootgate.problem.Refusal;

/**
 * The MFA rule of requesting, deciding and starting: an accepted method in {@code amr}, and an {@code auth_time}
 * no older than the rule's max age. Anything else fails closed.
 */
public final class MfaCheck {

    public static final String MFA_REQUIRED = "mfa_required";
    public static final String MFA_STALE = "mfa_stale";

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

    /**
     * Refuses unless the evidence is fresh enough. The refusal carries the max age, so that a browser can be sent to
     * log in again with {@code max_age} and come back to the same page.
     */
    public static void require(MfaEvidence evidence, Set<String> acceptedMethods, Duration maxAge, Instant now,
            Refusal.Builder refuse) {
        refuse.with("mfaMaxAgeSeconds", maxAge.toSeconds());
        switch (evaluate(evidence, acceptedMethods, maxAge, now)) {
            case FRESH -> {
            }
            case MISSING -> throw refuse.forbidden(MFA_REQUIRED,
                    "this action needs a login with multi-factor authentication (accepted: "
                    + String.join(", ", new TreeSet<>(acceptedMethods)) + ")");
            case STALE -> throw refuse.forbidden(MFA_STALE,
                    "your multi-factor login is older than " + maxAge.toMinutes() + " minutes; log in again");
        }
    }
}
