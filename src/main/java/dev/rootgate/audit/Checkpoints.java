package dev.rootgate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Signs the sealed chain's head on a schedule and at each export. A checkpoint is stored and written to the log as
 * one line ({@code audit checkpoint {json}}), so that log shipping keeps a copy that no one with the database alone
 * can change, and published to whoever observes {@link CheckpointSigned} (the alert channel) in the same transaction. Before signing, the chain is recomputed from the previous checkpoint (which must still match): a
 * checkpoint vouches only for a chain that verified, so a rewrite is never signed over.
 */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);
    private static final String COLUMNS = "seq, hash, signed_at, signature";

    @Inject
    DataSource dataSource;
    @Inject
    CheckpointKey key;
    @Inject
    SealedEvents sealed;
    @Inject
    Clock clock;
    @Inject
    Event<CheckpointSigned> published;

    @Scheduled(every = "${rootgate.audit.checkpoint-every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        signHead();
    }

    /**
     * The checkpoint of the sealed chain's head as it is now (the stored one when that head was signed before); empty
     * when nothing is sealed yet, or when the chain does not verify from the previous checkpoint (logged as an alert).
     */
    public Optional<Checkpoint> signHead() {
        // The head as an unsigned checkpoint: its seq and hash, no time, no signature yet.
        Optional<Checkpoint> head = query("SELECT seq, hash, NULL, NULL FROM audit_event WHERE seq IS NOT NULL"
                + " ORDER BY seq DESC LIMIT 1", null).stream().findFirst();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long seq = head.get().seq();
        Optional<Checkpoint> stored = at(seq);
        if (stored.isPresent()) {
            return stored;
        }
        Optional<Checkpoint> previous = query("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE seq < ?"
                + " ORDER BY seq DESC LIMIT 1", seq).stream().findFirst();
        Optional<String> broken = brokenBetween(previous, seq);
        if (broken.isPresent()) {
            LOG.errorf("ALERT audit chain: not signing a checkpoint at seq %d: %s", seq, broken.get());
            return Optional.empty();
        }
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = head.get().hash();
        Checkpoint signed = new Checkpoint(seq, hash, signedAt, key.sign(Checkpoint.signedText(seq, hash, signedAt)
                .getBytes(StandardCharsets.UTF_8)));
        boolean signedNow = QuarkusTransaction.requiringNew().call(() -> {
            boolean inserted = insert(signed);
            if (inserted) {
                published.fire(new CheckpointSigned(signed));
            }
            return inserted;
        });
        if (signedNow) {
            LOG.infof("audit checkpoint %s", signed.json());
            return Optional.of(signed);
        }
        // Another replica signed this head at the same moment: there is one checkpoint per seq, and it is theirs.
        return at(seq);
    }

    /** Every stored checkpoint, in sequence order. */
    public List<Checkpoint> all() {
        return query("SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY seq", null);
    }

    boolean signedWithOurKey(Checkpoint checkpoint) {
        return key.signed(checkpoint);
    }

    /** Recomputes the chain from the previous checkpoint (or seq 1) to {@code seq}; why it breaks, if it does. */
    private Optional<String> brokenBetween(Optional<Checkpoint> previous, long seq) {
        Segment segment = new Segment(previous);
        try {
            sealed.forEach(EventSelection.span(segment.expected, seq), segment);
        } catch (IOException e) {
            throw new UncheckedIOException("checking the chain writes nothing", e);
        }
        if (segment.broken == null && segment.expected != seq + 1) {
            segment.broken = "seq " + segment.expected + " is missing";
        }
        return Optional.ofNullable(segment.broken);
    }

    /** A stretch of the chain that starts at a checkpoint (whose event must still have its hash) or at seq 1. */
    private static final class Segment implements SealedEvents.Sink {
        /** 0 when the stretch starts at seq 1 (no checkpoint before it). */
        private final long anchorSeq;
        private final HashChain.Hasher hasher = new HashChain.Hasher();
        private byte[] link;
        private long expected;
        private String broken;

        Segment(Optional<Checkpoint> anchor) {
            anchorSeq = anchor.map(Checkpoint::seq).orElse(0L);
            link = anchor.map(Checkpoint::hash).orElse(HashChain.GENESIS).getBytes(StandardCharsets.UTF_8);
            expected = anchor.map(Checkpoint::seq).orElse(1L);
        }

        @Override
        public boolean accept(StoredEvent event) {
            boolean anchor = event.seq() == anchorSeq;
            if (event.seq() != expected) {
                broken = "seq " + expected + " is missing";
            } else if (anchor && !Arrays.equals(event.hash(), link)) {
                broken = "seq " + event.seq() + " no longer has the hash of its checkpoint";
            } else if (!anchor && !Arrays.equals(event.prevHash(), link)) {
                broken = "seq " + event.seq() + " does not link to the event before it";
            } else if (!hasher.hashes(event)) {
                broken = "seq " + event.seq() + " is not the hash of its contents";
            }
            link = event.hash();
            expected++;
            return broken == null;
        }
    }

    private Optional<Checkpoint> at(long seq) {
        return query("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE seq = ?", seq).stream().findFirst();
    }

    private boolean insert(Checkpoint checkpoint) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO audit_checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING")) {
            statement.setLong(1, checkpoint.seq());
            statement.setString(2, checkpoint.hash());
            statement.setObject(3, OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC));
            statement.setString(4, checkpoint.signature());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersistenceException("storing an audit checkpoint failed", e);
        }
    }

    private List<Checkpoint> query(String sql, Long seq) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (seq != null) {
                statement.setLong(1, seq);
            }
            List<Checkpoint> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    OffsetDateTime signedAt = rows.getObject(3, OffsetDateTime.class);
                    found.add(new Checkpoint(rows.getLong(1), rows.getString(2),
                            signedAt == null ? null : signedAt.toInstant(), rows.getString(4)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new PersistenceException("reading audit checkpoints failed", e);
        }
    }
}
