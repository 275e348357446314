package dev.rootgate.throttle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Attempts one subject may make per one-minute window, across all replicas. */
@ConfigMapping(prefix = "rootgate.rate-limit")
public interface RateLimitConfig {

    /** Write attempts (creating, deciding, cancelling, starting; API and pages) per minute. */
    @WithDefault("60")
    int writesPerMinute();

    /** Refused attempts per minute; beyond them every write attempt is answered 429 until the window ends. */
    @WithDefault("40")
    int refusalsPerMinute();

    /**
     * Refusals per window audited one by one; the rest of the window's refusals are summarised in one event. Enough
     * for a burst of parallel clicks (twenty starts of one request: nineteen refusals, each audited).
     */
    @WithDefault("25")
    int auditedRefusalsPerWindow();
}
