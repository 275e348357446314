package dev.rootgate.broker;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rootgate.sts")
public interface StsConfig {

    /** AssumeRoot needs a regional endpoint; the region also scopes the SigV4 signature. */
    String region();

    /** Overrides the regional endpoint: a VPC endpoint in production, the simulator in dev mode and tests. */
    Optional<URI> endpoint();

    @WithDefault("PT2S")
    Duration connectTimeout();

    /** How long to wait for STS's answer once the call is sent; past it the outcome is unknown. */
    @WithDefault("PT10S")
    Duration readTimeout();
}
