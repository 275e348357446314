package dev.rootgate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Recomputes the whole sealed chain from sequence 1, one event at a time, stops at the first break, and holds every
 * event that a checkpoint names against that checkpoint. Checkpoints are read before the chain: every one of them
 * was signed over events that were sealed already, so a checkpoint beyond the chain's end means events were removed.
 */
@ApplicationScoped
public class ChainVerifier {

    @Inject
    SealedEvents sealed;
    @Inject
    Checkpoints checkpoints;
    @Inject
    Clock clock;

    public ChainVerification verify() {
        Walk walk = new Walk(new ArrayDeque<>(checkpoints.all()), checkpoints);
        try {
            sealed.forEach(EventSelection.ALL, walk);
        } catch (IOException e) {
            throw new UncheckedIOException("a verification writes nothing, so it cannot fail writing", e);
        }
        return walk.result(clock.instant());
    }

    private static final class Walk implements SealedEvents.Sink {
        private final Deque<Checkpoint> pending;
        private final Checkpoints signatures;
        private final HashChain.Hasher hasher = new HashChain.Hasher();
        private long expectedSeq = 1;
        private byte[] previousHash = HashChain.GENESIS.getBytes(StandardCharsets.US_ASCII);
        private Long brokenSeq;
        private String reason;
        private long checked;
        private Long lastChecked;
        private Checkpoint failed;
        private String failure;

        Walk(Deque<Checkpoint> pending, Checkpoints signatures) {
            this.pending = pending;
            this.signatures = signatures;
        }

        @Override
        public boolean accept(StoredEvent event) {
            if (event.seq() != expectedSeq) {
                return broken(expectedSeq, ChainVerification.GAP);
            }
            if (!Arrays.equals(previousHash, event.prevHash())) {
                return broken(event.seq(), ChainVerification.PREV_HASH_MISMATCH);
            }
            if (!hasher.hashes(event)) {
                return broken(event.seq(), ChainVerification.HASH_MISMATCH);
            }
            while (!pending.isEmpty() && pending.peek().seq() == expectedSeq) {
                check(pending.poll(), new String(event.hash(), StandardCharsets.UTF_8));
            }
            expectedSeq++;
            previousHash = event.hash();
            return true;
        }

        private void check(Checkpoint checkpoint, String hash) {
            if (failed != null) {
                return;
            }
            if (!signatures.signedWithOurKey(checkpoint)) {
                fail(checkpoint, ChainVerification.CheckpointCheck.BAD_SIGNATURE);
            } else if (!checkpoint.hash().equals(hash)) {
                fail(checkpoint, ChainVerification.HASH_MISMATCH);
            } else {
                checked++;
                lastChecked = checkpoint.seq();
            }
        }

        private void fail(Checkpoint checkpoint, String why) {
            failed = checkpoint;
            failure = why;
        }

        private boolean broken(long seq, String why) {
            brokenSeq = seq;
            reason = why;
            return false;
        }

        ChainVerification result(Instant verifiedAt) {
            if (brokenSeq == null && failed == null && !pending.isEmpty()) {
                fail(pending.peek(), ChainVerification.CheckpointCheck.BEYOND_CHAIN);
            }
            ChainVerification.CheckpointCheck check = new ChainVerification.CheckpointCheck(checked, lastChecked,
                    failed == null ? null : failed.seq(), failed == null ? null : failed.signedAt(), failure);
            boolean chainIntact = brokenSeq == null;
            String why = chainIntact && failed != null ? ChainVerification.CHECKPOINT_MISMATCH : reason;
            long intact = expectedSeq - 1;
            return new ChainVerification(chainIntact && failed == null, intact, intact,
                    new String(previousHash, StandardCharsets.UTF_8), verifiedAt,
                    brokenSeq, why, check);
        }
    }
}
