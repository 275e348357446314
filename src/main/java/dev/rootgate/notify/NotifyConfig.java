package dev.rootgate.notify;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox: how it is delivered, and how long a delivered row is kept. */
@ConfigMapping(prefix = "rootgate.notify")
public interface NotifyConfig {

    /** How often the dispatcher looks for due rows (a Quarkus scheduler period); a commit that wrote rows kicks it too. */
    @WithDefault("10s")
    String every();

    /** The wait before the second attempt; each further failure doubles it. */
    @WithDefault("PT5S")
    Duration backoff();

    /** The longest wait between two attempts. */
    @WithDefault("PT15M")
    Duration backoffMax();

    /** Attempts before a row is given up on (FAILED, for an admin to retry). */
    @WithDefault("12")
    @Min(1)
    int maxAttempts();

    /** How often the backlog gauges are sampled (a Quarkus scheduler period). */
    @WithDefault("15s")
    String backlogEvery();

    /** How long a delivered row is kept after its delivery; FAILED and PENDING rows are kept until delivered. */
    @WithDefault("P30D")
    Duration retention();

    /** How often retention runs (a Quarkus scheduler period; {@code off} stops it). */
    @WithDefault("1h")
    String retentionEvery();

    /** Rows deleted per transaction: short transactions, whatever the backlog of old rows. */
    @WithDefault("1000")
    @Min(1)
    int retentionBatch();
}
