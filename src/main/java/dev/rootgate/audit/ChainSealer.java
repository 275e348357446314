package dev.rootgate.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Links committed, unsealed audit events into the hash chain, in insertion order, a batch per short transaction.
 * The chain head's row lock makes sealers take turns, across replicas too, and each batch reads the unsealed events
 * only once it holds the head, so no event is linked twice and the chain never forks. An appending transaction
 * kicks the sealer when it commits; one background thread seals, and kicks that arrive while it works coalesce into
 * one more pass. The schedule picks up events whose kick was lost (a crash between commit and kick, a failed pass).
 */
@ApplicationScoped
@Startup
public class ChainSealer {

    private static final Logger LOG = Logger.getLogger(ChainSealer.class);
    static final int BATCH = 500;

    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;

    private final AtomicBoolean kicked = new AtomicBoolean();
    private ExecutorService worker;
    private volatile Backlog backlog = new Backlog(0, Duration.ZERO);
    private Timer lag;

    /** What is waiting to be sealed, as of the last sweep. */
    record Backlog(long events, Duration oldest) {
    }

    /** In {@code @PostConstruct}, not a field initializer: the client proxy runs the constructor too. */
    @PostConstruct
    void start() {
        worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "audit-chain-sealer");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("rootgate.audit.unsealed", this, sealer -> sealer.backlog.events())
                .description("committed audit events not yet linked into the hash chain, as of the last sweep")
                .register(metrics);
        Gauge.builder("rootgate.audit.unsealed.oldest.seconds", this, sealer -> sealer.backlog.oldest().toMillis() / 1000.0)
                .description("age of the oldest unsealed audit event, as of the last sweep; 0 when none")
                .register(metrics);
        lag = Timer.builder("rootgate.audit.seal.lag")
                .description("age of the oldest event of each sealed batch when it was linked into the chain")
                .register(metrics);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Asks for a sealing pass soon, on the sealer's thread; never blocks the caller. */
    public void kick() {
        if (kicked.compareAndSet(false, true)) {
            try {
                worker.execute(this::pass);
            } catch (RejectedExecutionException shuttingDown) {
                kicked.set(false);
            }
        }
    }

    @Scheduled(every = "${rootgate.audit.seal-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            backlog = measureBacklog();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not measure the unsealed audit events: %s", e.toString());
        }
        kick();
    }

    /** Seals every event committed before the call; returns how many this call sealed. */
    public long sealAll() {
        long total = 0;
        int sealed;
        do {
            sealed = sealBatch(BATCH);
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    /** Links up to {@code limit} committed unsealed events in a transaction of its own; returns how many. */
    public int sealBatch(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> link(limit));
    }

    private void pass() {
        kicked.set(false);
        try {
            sealAll();
        } catch (RuntimeException e) {
            LOG.warnf(e, "audit events stay unsealed until the next pass");
        }
    }

    private int link(int limit) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            long seq;
            String previous;
            try (PreparedStatement head = db.prepareStatement(
                    "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
                    ResultSet row = head.executeQuery()) {
                row.next();
                seq = row.getLong(1);
                previous = row.getString(2);
            }
            List<AuditEvent> events = unsealed(db, limit);
            if (events.isEmpty()) {
                return 0;
            }
            Long[] ids = new Long[events.size()];
            Long[] seqs = new Long[events.size()];
            String[] prevHashes = new String[events.size()];
            String[] hashes = new String[events.size()];
            Instant oldest = events.get(0).occurredAt;
            HashChain.Hasher hasher = new HashChain.Hasher();
            for (int i = 0; i < events.size(); i++) {
                AuditEvent event = events.get(i);
                event.seq = ++seq;
                event.prevHash = previous;
                event.hash = hasher.hash(previous, ChainEvent.of(event));
                previous = event.hash;
                ids[i] = event.id;
                seqs[i] = event.seq;
                prevHashes[i] = event.prevHash;
                hashes[i] = event.hash;
                oldest = event.occurredAt.isBefore(oldest) ? event.occurredAt : oldest;
            }
            try (PreparedStatement seal = db.prepareStatement("UPDATE audit_event e SET seq = s.seq,"
                    + " prev_hash = s.prev_hash, hash = s.hash FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])"
                    + " AS s(id, seq, prev_hash, hash) WHERE e.id = s.id AND e.seq IS NULL")) {
                seal.setArray(1, db.createArrayOf("bigint", ids));
                seal.setArray(2, db.createArrayOf("bigint", seqs));
                seal.setArray(3, db.createArrayOf("text", prevHashes));
                seal.setArray(4, db.createArrayOf("text", hashes));
                if (seal.executeUpdate() != events.size()) {
                    throw new IllegalStateException("audit events changed under the chain head's lock");
                }
            }
            try (PreparedStatement head = db.prepareStatement(
                    "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, seq);
                head.setString(2, previous);
                head.executeUpdate();
            }
            lag.record(age(oldest));
            return events.size();
        }
    }

    /** Read under the head's lock, so a sealer that waited for it sees what the previous holder sealed. */
    private static List<AuditEvent> unsealed(Connection db, int limit) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT id, occurred_at, actor, action, request_id,"
                + " account_id, task_policy, source_ip, details FROM audit_event WHERE seq IS NULL ORDER BY id LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    AuditEvent event = new AuditEvent();
                    event.id = rows.getLong(1);
                    event.occurredAt = rows.getObject(2, OffsetDateTime.class).toInstant();
                    event.actor = rows.getString(3);
                    event.action = rows.getString(4);
                    long requestId = rows.getLong(5);
                    event.requestId = rows.wasNull() ? null : requestId;
                    event.accountId = rows.getString(6);
                    event.taskPolicy = rows.getString(7);
                    event.sourceIp = rows.getString(8);
                    event.details = rows.getString(9);
                    events.add(event);
                }
            }
        }
        return events;
    }

    private Backlog measureBacklog() throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement(
                        "SELECT count(*), min(occurred_at) FROM audit_event WHERE seq IS NULL");
                ResultSet row = query.executeQuery()) {
            row.next();
            OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
            return new Backlog(row.getLong(1),
                    oldest == null ? Duration.ZERO : age(oldest.toInstant()));
        }
    }

    /** Never negative, even when the clock was set back. */
    private Duration age(Instant since) {
        Duration age = Duration.between(since, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
