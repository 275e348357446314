package dev.rootgate.identity;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.problem.Refusal;

/**
 * Refuses an action unless the caller's MFA evidence is fresh enough for it. The refusal carries the max age, so
 * that a browser can be sent to log in again with {@code max_age} and come back to the same page.
 */
@ApplicationScoped
public class MfaGate {

    public static final String MFA_REQUIRED = "mfa_required";
    public static final String MFA_STALE = "mfa_stale";

    @Inject
    MfaConfig config;
    @Inject
    Clock clock;

    public void require(Caller caller, Duration maxAge, Refusal.Builder refuse) {
        MfaCheck.Result result = MfaCheck.evaluate(caller.mfa(), config.methods(), maxAge, clock.instant());
        refuse.with("mfaMaxAgeSeconds", maxAge.toSeconds());
        switch (result) {
            case FRESH -> {
            }
            case MISSING -> throw refuse.forbidden(MFA_REQUIRED,
                    "this action needs a login with multi-factor authentication (accepted: " + config.methods() + ")");
            case STALE -> throw refuse.forbidden(MFA_STALE,
                    "your multi-factor login is older than " + maxAge.toMinutes() + " minutes; log in again");
        }
    }

    /** Whether the login used an accepted second factor at all, however long ago. */
    public boolean multiFactor(Caller caller) {
        return MfaCheck.multiFactor(caller.mfa(), config.methods(), clock.instant());
    }

    public boolean isFresh(Caller caller, Duration maxAge) {
        return MfaCheck.evaluate(caller.mfa(), config.methods(), maxAge, clock.instant()) == MfaCheck.Result.FRESH;
    }
}
