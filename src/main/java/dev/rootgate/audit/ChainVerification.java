package dev.rootgate.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The chain recomputed from its first event: intact through {@code lastSeq} (whose hash is {@code lastHash}), and,
 * when not valid, the first sequence number that breaks it and why; and the chain held against every signed
 * checkpoint. A chain rewritten consistently from some row on links and hashes correctly, so only a checkpoint
 * signed before the rewrite can tell: then {@code reason} is {@code checkpoint_mismatch} and {@code checkpoints}
 * names the first checkpoint that fails.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean valid, long events, long lastSeq, String lastHash, Instant verifiedAt,
        Long firstBrokenSeq, String reason, CheckpointCheck checkpoints) {

    /** A sequence number is missing. */
    public static final String GAP = "gap";
    /** An event does not name the hash of the event before it. */
    public static final String PREV_HASH_MISMATCH = "prev_hash_mismatch";
    /** An event's stored hash is not the hash of its contents. */
    public static final String HASH_MISMATCH = "hash_mismatch";
    /** The chain verifies by itself but disagrees with a signed checkpoint. */
    public static final String CHECKPOINT_MISMATCH = "checkpoint_mismatch";

    /**
     * How many checkpoints matched the chain and the last of their sequence numbers; when one fails, its sequence
     * number, when it was signed and why: {@code hash_mismatch} (the event at that seq has another hash now),
     * {@code bad_signature} (not signed by this key) or {@code beyond_chain} (the chain now ends before it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckpointCheck(long checked, Long lastSeq, Long failedSeq, Instant failedSignedAt, String failure) {
        public static final String BAD_SIGNATURE = "bad_signature";
        public static final String BEYOND_CHAIN = "beyond_chain";

        public boolean passed() {
            return failure == null;
        }
    }
}
