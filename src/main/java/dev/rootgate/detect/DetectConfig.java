package dev.rootgate.detect;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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

    /** The SQS queue an EventBridge rule feeds with CloudTrail's events: the real-time consumer is off without it. */
    Optional<String> queueUrl();

    /** The SQS API's address when not the region's own: a VPC endpoint, or the dev simulator. */
    Optional<URI> queueEndpoint();

    /** The queue's region; {@code rootgate.sts.region} when unset. */
    Optional<String> queueRegion();

    /**
     * The role the consumer reads the queue as, assumed with the pod's web identity token: the broker role is denied
     * everything but AssumeRoot. Unset: the default credentials chain.
     */
    Optional<String> queueRoleArn();

    /** SQS long polling: how long one receive waits for messages (0 to 20 seconds). */
    @WithDefault("20")
    @Min(0)
    @Max(20)
    int queueWaitSeconds();
    /**
     * The regions whose CloudTrail the poller reads: AssumeRoot is logged in the region of the STS endpoint called,
     * IAM's events in us-east-1. The poller is off without them.
     */
    Optional<List<String>> regions();

    /** How often the poller reads the trail (a Quarkus scheduler period; {@code off} stops it). */
    @WithDefault("1m")
    String every();

    /** How far behind the watermark each poll reads again, because CloudTrail delivers late. */
    @WithDefault("PT15M")
    Duration trailingWindow();

    /** Overrides CloudTrail's regional endpoints: a VPC endpoint in production, the simulator in dev mode and tests. */
    Optional<URI> cloudtrailEndpoint();

    /** LookupEvents allows 2 calls per second per account and region; the poller stays under it. */
    @WithDefault("2")
    @Min(1)
    @Max(2)
    int callsPerSecond();

    /** The first wait after a ThrottlingException; each further one doubles it. */
    @WithDefault("PT1S")
    Duration throttleBackoff();

    /** How many ThrottlingExceptions in a row one call takes before this poll of the region gives up. */
    @WithDefault("5")
    int throttleRetries();
}
