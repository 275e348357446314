package dev.rootgate.detect;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rootgate.detect")
public interface DetectConfig {

    /** rootgate's broker role (or exact principal) as CloudTrail names the caller; detection is off without it. */
    Optional<String> brokerPrincipalArn();

    /** How far a failed AssumeRoot may be from a claim and still be rootgate's own attempt. */
    @WithDefault("PT2M")
    Duration claimTolerance();

    /** How long CloudTrail gets to show a claimed start before its absence is evidence. */
    @WithDefault("PT30M")
    Duration unseenDelay();

    /** How old the MFA login of an auditor acknowledging a finding may be: the same default as a decision's. */
    @WithDefault("PT15M")
    Duration acknowledgeMfaMaxAge();
}
