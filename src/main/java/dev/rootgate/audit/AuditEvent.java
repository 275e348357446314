package dev.rootgate.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One event of the append-only audit log. It is written unsealed (no {@code seq}, {@code prevHash}, {@code hash}) in
 * the transaction of the change it describes, and linked into the hash chain by {@link ChainSealer} shortly after
 * that commits. The database refuses any change to its content and lets the link be set only once.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    /** Insertion order; the chain's order is {@code seq}. */
    @Id
    @Column(insertable = false, updatable = false)
    public long id;
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
    @Column(nullable = false, updatable = false)
    public String actor;
    @Column(nullable = false, updatable = false)
    public String action;
    @Column(name = "request_id", updatable = false)
    public Long requestId;
    @Column(name = "account_id", updatable = false)
    public String accountId;
    @Column(name = "task_policy", updatable = false)
    public String taskPolicy;
    @Column(name = "source_ip", updatable = false)
    public String sourceIp;
    /** Canonical JSON: stored byte for byte as it was hashed, so the chain verifies from the table or an export. */
    @Column(nullable = false, updatable = false)
    public String details;
    @Column(name = "prev_hash", insertable = false, updatable = false)
    public String prevHash;
    @Column(insertable = false, updatable = false)
    public String hash;
}
