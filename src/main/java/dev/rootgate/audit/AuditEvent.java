package dev.rootgate.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One link of the append-only, hash-chained audit log. The database refuses UPDATE and DELETE on these rows. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public long seq;
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
    @Column(name = "prev_hash", nullable = false, updatable = false)
    public String prevHash;
    @Column(nullable = false, updatable = false)
    public String hash;
}
