package dev.rootgate.policy;

import java.time.Duration;

/** How old the IdP's MFA evidence (`auth_time`) may be for each step a person takes. */
public record MfaMaxAge(Duration request, Duration decide, Duration start) {
}
