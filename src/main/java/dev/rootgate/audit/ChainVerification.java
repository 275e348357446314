package dev.rootgate.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The chain recomputed from its first event: intact through {@code lastSeq} (whose hash is {@code lastHash}), and,
 * when not valid, the first sequence number that breaks it and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean valid, long events, long lastSeq, String lastHash, Instant verifiedAt,
        Long firstBrokenSeq, String reason) {

    /** A sequence number is missing. */
    public static final String GAP = "gap";
    /** An event does not name the hash of the event before it. */
    public static final String PREV_HASH_MISMATCH = "prev_hash_mismatch";
    /** An event's stored hash is not the hash of its contents. */
    public static final String HASH_MISMATCH = "hash_mismatch";
}
