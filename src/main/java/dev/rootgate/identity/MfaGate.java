package dev.rootgate.identity;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The MFA evidence of the signed-in caller, judged by the configured methods and the clock (for pages). */
@ApplicationScoped
public class MfaGate {

    @Inject
    MfaConfig config;
    @Inject
    Clock clock;

    /** Whether the login used an accepted second factor at all, however long ago. */
    public boolean multiFactor(Caller caller) {
        return MfaCheck.multiFactor(caller.mfa(), config.methods(), clock.instant());
    }

    public boolean isFresh(Caller caller, Duration maxAge) {
        return MfaCheck.evaluate(caller.mfa(), config.methods(), maxAge, clock.instant()) == MfaCheck.Result.FRESH;
    }
}
