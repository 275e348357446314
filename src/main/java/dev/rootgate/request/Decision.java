package dev.rootgate.request;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One approver's vote on one request. The database holds one per approver and refuses to rewrite it. */
@Entity
@Table(name = "decision")
public class Decision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id", nullable = false, updatable = false)
    public long requestId;
    @Column(name = "approver_subject", nullable = false, updatable = false)
    public String approverSubject;
    @Column(name = "approver_name", nullable = false, updatable = false)
    public String approverName;
    @Column(name = "approver_username", updatable = false)
    public String approverUsername;
    /** The groups the approver's token showed when deciding; null on decisions taken before they were kept. */
    @Convert(converter = GroupsColumn.class)
    @Column(name = "approver_groups", updatable = false)
    public Set<String> approverGroups;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Verdict verdict;
    @Column(nullable = false, updatable = false)
    public String comment;
    @Column(name = "decided_at", nullable = false, updatable = false)
    public Instant decidedAt;
    @Column(name = "source_ip", nullable = false, updatable = false)
    public String sourceIp;
    @Column(name = "mfa_methods", nullable = false, updatable = false)
    public String mfaMethods;
    @Column(name = "mfa_auth_time", nullable = false, updatable = false)
    public Instant mfaAuthTime;

    /** The decisions on each of the given requests, in the order they were taken. */
    public static Map<Long, List<Decision>> forRequests(Collection<Long> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return Decision.<Decision>list("requestId in ?1 order by decidedAt, id", requestIds).stream()
                .collect(Collectors.groupingBy(d -> d.requestId));
    }

    public static List<Decision> forRequest(long requestId) {
        return list("requestId = ?1 order by decidedAt, id", requestId);
    }
}
