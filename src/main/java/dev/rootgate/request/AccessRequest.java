package dev.rootgate.request;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.rootgate.policy.ApprovalStage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A request for one root session. Its status changes only through {@link Lifecycle}. It keeps the access key ID
 * and expiry of the issued session (CloudTrail records the key ID), never the secret key or session token.
 */
@Entity
@Table(name = "access_request")
public class AccessRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "requester_subject", nullable = false, updatable = false)
    public String requesterSubject;
    @Column(name = "requester_name", nullable = false, updatable = false)
    public String requesterName;
    @Column(name = "requester_username", updatable = false)
    public String requesterUsername;
    @Column(name = "requester_email", updatable = false)
    public String requesterEmail;
    @Column(name = "account_id", nullable = false, updatable = false)
    public String accountId;
    @Column(name = "task_policy", nullable = false, updatable = false)
    public String taskPolicy;
    @Column(nullable = false, updatable = false)
    public String justification;
    @Column(updatable = false)
    public String ticket;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;
    @Column(name = "approvals_required", nullable = false, updatable = false)
    public int approvalsRequired;
    /** Fixed at creation; null on requests made before stages (see {@link RequestCore#stagesOf}). */
    @Convert(converter = StagesColumn.class)
    @Column(name = "approval_stages", updatable = false)
    public List<ApprovalStage> approvalStages;
    @Column(name = "rule_name", nullable = false, updatable = false)
    public String ruleName;
    @Column(name = "policy_sha256", nullable = false, updatable = false)
    public String policySha256;
    @Column(name = "session_seconds", nullable = false, updatable = false)
    public int sessionSeconds;
    @Column(name = "source_ip", nullable = false, updatable = false)
    public String sourceIp;
    @Column(name = "mfa_methods", nullable = false, updatable = false)
    public String mfaMethods;
    @Column(name = "mfa_auth_time", nullable = false, updatable = false)
    public Instant mfaAuthTime;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "pending_until", nullable = false, updatable = false)
    public Instant pendingUntil;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "activate_by")
    public Instant activateBy;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "access_key_id")
    public String accessKeyId;
    @Column(name = "session_expires_at")
    public Instant sessionExpiresAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Version
    public long version;
}
