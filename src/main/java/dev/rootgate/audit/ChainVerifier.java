package dev.rootgate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Recomputes the whole sealed chain from sequence 1, one event at a time, and stops at the first break. */
@ApplicationScoped
public class ChainVerifier {

    @Inject
    SealedEvents sealed;
    @Inject
    Clock clock;

    public ChainVerification verify() {
        Walk walk = new Walk();
        try {
            sealed.forEach(EventSelection.ALL, walk);
        } catch (IOException e) {
            throw new UncheckedIOException("a verification writes nothing, so it cannot fail writing", e);
        }
        return walk.result(clock.instant());
    }

    private static final class Walk implements SealedEvents.Sink {
        private long expectedSeq = 1;
        private String previousHash = HashChain.GENESIS;
        private Long brokenSeq;
        private String reason;

        @Override
        public boolean accept(AuditEvent event) {
            if (event.seq != expectedSeq) {
                return broken(expectedSeq, ChainVerification.GAP);
            }
            if (!previousHash.equals(event.prevHash)) {
                return broken(event.seq, ChainVerification.PREV_HASH_MISMATCH);
            }
            if (!HashChain.hash(event.prevHash, event).equals(event.hash)) {
                return broken(event.seq, ChainVerification.HASH_MISMATCH);
            }
            expectedSeq++;
            previousHash = event.hash;
            return true;
        }

        private boolean broken(long seq, String why) {
            brokenSeq = seq;
            reason = why;
            return false;
        }

        ChainVerification result(Instant verifiedAt) {
            long intact = expectedSeq - 1;
            return new ChainVerification(brokenSeq == null, intact, intact, previousHash, verifiedAt, brokenSeq, reason);
        }
    }
}
