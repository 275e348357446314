package dev.rootgate.audit;

/**
 * A checkpoint was just stored. Fired inside the transaction that stores it, so that whatever publishes it (the
 * notification outbox) commits with it or not at all.
 */
public record CheckpointSigned(Checkpoint checkpoint) {
}
