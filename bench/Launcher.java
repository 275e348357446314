import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.audit.HashChain;
import dev.rootgate.dev.DevIdentityProvider;
import dev.rootgate.dev.StsSimulator;

/**
 * The benchmark's helpers, run from the compiled classes (the packaged application has no stand-in) and the packaged
 * application's libraries: {@code stand-ins <file> <secret>} starts the dev identity provider and the STS simulator
 * as the real services' stand-ins and writes their addresses to the file; {@code verify <jdbc-url> <user>} waits
 * until every audit event is sealed (the sealer runs in the application, after each commit) and recomputes the hash
 * chain from the table.
 */
public class Launcher {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stand-ins" -> standIns(Path.of(args[1]), args[2]);
            case "verify" -> verify(args[1], args[2]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void standIns(Path addresses, String secret) throws Exception {
        DevIdentityProvider idp = DevIdentityProvider.start(0, "rootgate", secret);
        StsSimulator sts = StsSimulator.start(0);
        Files.writeString(addresses, "ISSUER=" + idp.issuer() + "\nSTS=" + sts.endpoint() + "\n");
        Thread.currentThread().join();
    }

    private static void verify(String url, String user) throws Exception {
        try (Connection db = DriverManager.getConnection(url, user, ""); Statement query = db.createStatement()) {
            long waited = System.nanoTime();
            long unsealed;
            do {
                try (ResultSet count = query.executeQuery("SELECT count(*) FROM audit_event WHERE seq IS NULL")) {
                    count.next();
                    unsealed = count.getLong(1);
                }
                if (unsealed > 0) {
                    Thread.sleep(20);
                }
            } while (unsealed > 0 && System.nanoTime() - waited < 30_000_000_000L);
            if (unsealed > 0) {
                System.out.println("chain NOT sealed: " + unsealed + " events still unsealed after 30 s");
                System.exit(1);
            }
            System.out.printf("every event sealed (waited %d ms for the sealer)%n", (System.nanoTime() - waited) / 1_000_000);
            String previous = "0".repeat(64);
            long seq = 0;
            try (ResultSet rows = query.executeQuery("SELECT seq, occurred_at, actor, action, request_id, account_id,"
                    + " task_policy, source_ip, details, prev_hash, hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq")) {
                while (rows.next()) {
                    AuditEvent event = new AuditEvent();
                    event.seq = rows.getLong(1);
                    event.occurredAt = rows.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    event.actor = rows.getString(3);
                    event.action = rows.getString(4);
                    long requestId = rows.getLong(5);
                    event.requestId = rows.wasNull() ? null : requestId;
                    event.accountId = rows.getString(6);
                    event.taskPolicy = rows.getString(7);
                    event.sourceIp = rows.getString(8);
                    event.details = rows.getString(9);
                    event.prevHash = rows.getString(10);
                    event.hash = rows.getString(11);
                    if (event.seq != ++seq || !event.prevHash.equals(previous)
                            || !HashChain.hash(previous, event).equals(event.hash)) {
                        System.out.println("chain BROKEN at seq " + event.seq);
                        System.exit(1);
                    }
                    previous = event.hash;
                }
            }
            try (ResultSet head = query.executeQuery("SELECT last_seq, last_hash FROM audit_chain_head")) {
                head.next();
                if (head.getLong(1) != seq || !head.getString(2).equals(previous)) {
                    System.out.println("chain head does not match the last link");
                    System.exit(1);
                }
            }
            System.out.println("chain intact: " + seq + " links verified (" + Instant.now() + ")");
        }
    }
}
