package dev.rootgate.audit;

import java.time.Instant;

/**
 * A sealed event as verification and exports stream it: its text columns as the UTF-8 bytes the database sent (null
 * where the column is null), never decoded, since they are only escaped, hashed and written out again.
 */
record StoredEvent(long seq, Instant occurredAt, byte[] actor, byte[] action, Long requestId, byte[] accountId,
        byte[] taskPolicy, byte[] sourceIp, byte[] details, byte[] prevHash, byte[] hash) {
}
