package dev.rootgate.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rootgate.policy.ChangeWindow;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.RequestStatus;

/**
 * Matches AssumeRoot records to what rootgate brokered, as a pure function: no CDI, no database, no clock of its
 * own. Every rule is one row in {@code ReconciliationTest}.
 *
 * <p>A success is matched by access key id, the one field both sides know for sure. A failure carries no key id, so
 * it is matched to a claim instead: the broker principal, the account, the task policy and an event time within
 * {@code claimTolerance} of the claim.
 */
public final class Reconciliation {

    private static final Set<TaskPolicy> RISKY = Set.of(TaskPolicy.IAMCreateRootUserPassword,
            TaskPolicy.IAMDeleteRootUserCredentials);

    private final BrokerPrincipal broker;
    private final Duration claimTolerance;

    public Reconciliation(BrokerPrincipal broker, Duration claimTolerance) {
        this.broker = broker;
        this.claimTolerance = claimTolerance;
    }

    /** The findings one record makes, given the requests rootgate claimed around its time. */
    public List<Finding> of(AssumeRootEvent event, List<Brokered> brokered) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> evidence = evidence(event);
        Optional<Brokered> byKey = event.issued().flatMap(issued -> brokered.stream()
                .filter(b -> b.accessKeyId().filter(issued.accessKeyId()::equals).isPresent()).findFirst());
        if (byKey.isPresent()) {
            findings.add(finding(FindingKind.CONFIRMED, byKey, event, "confirmed by CloudTrail", evidence));
        } else if (!broker.matches(event.caller())) {
            findings.add(finding(FindingKind.FOREIGN_PRINCIPAL, Optional.empty(), event,
                    (event.succeeded() ? "root session issued to " : "AssumeRoot attempted by ")
                            + who(event) + ", not rootgate's broker",
                    evidence));
        } else if (event.succeeded()) {
            Optional<Brokered> interrupted = claimNear(event, brokered, Set.of(RequestStatus.INTERRUPTED));
            findings.add(interrupted.isPresent()
                    ? finding(FindingKind.INTERRUPTED_SESSION_ISSUED, interrupted, event,
                            "the interrupted start did issue a session, never handed out", evidence)
                    : finding(FindingKind.ROOT_SESSION_OUTSIDE_ROOTGATE, Optional.empty(), event,
                            "root session outside rootgate, by " + who(event), evidence));
        } else {
            Optional<Brokered> claim = claimNear(event, brokered, Set.of(RequestStatus.values()));
            findings.add(claim.isPresent()
                    ? finding(FindingKind.ATTEMPT_CONFIRMED, claim, event, "rootgate's refused attempt", evidence)
                    : finding(FindingKind.UNATTEMPTED_FAILURE, Optional.empty(), event,
                            "failed AssumeRoot that rootgate did not attempt, by " + who(event), evidence));
        }
        if (event.succeeded() && event.taskPolicy().filter(RISKY::contains).isPresent()) {
            findings.add(finding(FindingKind.RISKY_TASK, byKey, event,
                    "root session for " + event.taskPolicy().orElseThrow().name(), evidence));
        }
        return List.copyOf(findings);
    }

    /**
     * What the absence of a record says about a request once {@code delay} has passed since its claim: an INTERRUPTED
     * request issued no session; an issued session missing from the trail means the trail may be stopped.
     */
    public Optional<Finding> unseen(Brokered request, boolean seenInTrail, Instant now, Duration delay) {
        if (seenInTrail || request.claimedAt() == null || now.isBefore(request.claimedAt().plus(delay))) {
            return Optional.empty();
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("accountId", request.accountId());
        evidence.put("taskPolicyArn", request.taskPolicy().arn());
        evidence.put("claimedAt", request.claimedAt().toString());
        evidence.put("checkedAt", now.toString());
        evidence.put("delay", delay.toString());
        if (request.status() == RequestStatus.INTERRUPTED) {
            return Optional.of(new Finding(FindingKind.INTERRUPTED_NO_SESSION, Optional.of(request.requestId()), "",
                    "no AssumeRoot in CloudTrail " + delay + " after the claim: no session was issued", evidence));
        }
        if (request.accessKeyId().isPresent()) {
            evidence.put("accessKeyId", request.accessKeyId().orElseThrow());
            return Optional.of(new Finding(FindingKind.SESSION_NOT_IN_TRAIL, Optional.of(request.requestId()), "",
                    "CloudTrail has not shown this session " + delay + " after the claim", evidence));
        }
        return Optional.empty();
    }

    /**
     * A root session at a time that no rule covering its account and task policy has in its change windows (a rule
     * without windows allows any time). Nothing when no rule covers it: the other findings speak for that session.
     */
    public static Optional<Finding> outsideChangeWindow(AssumeRootEvent event, List<Rule> covering,
            Optional<Long> requestId) {
        if (!event.succeeded() || covering.isEmpty()
                || covering.stream().anyMatch(rule -> rule.inChangeWindow(event.eventTime()))) {
            return Optional.empty();
        }
        Map<String, String> evidence = evidence(event);
        evidence.put("changeWindows", covering.stream()
                .map(rule -> rule.name() + ": " + rule.changeWindows().stream().map(ChangeWindow::toString)
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
        return Optional.of(new Finding(FindingKind.OUTSIDE_CHANGE_WINDOW, requestId, event.eventId(),
                "root session at " + event.eventTime() + ", outside every change window of the rules for this"
                        + " account and task",
                evidence));
    }

    private Optional<Brokered> claimNear(AssumeRootEvent event, List<Brokered> brokered, Set<RequestStatus> statuses) {
        return brokered.stream()
                .filter(b -> statuses.contains(b.status()) && b.claimedAt() != null)
                .filter(b -> b.accountId().equals(event.targetAccount())
                        && b.taskPolicy().arn().equals(event.taskPolicyArn()))
                .filter(b -> Duration.between(b.claimedAt(), event.eventTime()).abs().compareTo(claimTolerance) <= 0)
                .min(Comparator.comparing(b -> Duration.between(b.claimedAt(), event.eventTime()).abs()));
    }

    private static Finding finding(FindingKind kind, Optional<Brokered> request, AssumeRootEvent event,
            String summary, Map<String, String> evidence) {
        return new Finding(kind, request.map(Brokered::requestId), event.eventId(), summary, evidence);
    }

    private static String who(AssumeRootEvent event) {
        String arn = event.caller().arn().isEmpty() ? event.caller().type() : event.caller().arn();
        return arn + (event.sourceIp().isEmpty() ? "" : " from " + event.sourceIp());
    }

    /** Who, from where, which account and task, what came back: never a secret, since the record holds none we read. */
    static Map<String, String> evidence(AssumeRootEvent event) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("eventId", event.eventId());
        evidence.put("eventTime", event.eventTime().toString());
        evidence.put("region", event.region());
        evidence.put("callerArn", event.caller().arn());
        evidence.put("callerType", event.caller().type());
        evidence.put("sourceIp", event.sourceIp());
        evidence.put("accountId", event.targetAccount());
        evidence.put("taskPolicyArn", event.taskPolicyArn());
        event.issued().ifPresent(issued -> {
            evidence.put("accessKeyId", issued.accessKeyId());
            evidence.put("expiration", issued.expiration().toString());
        });
        event.failure().ifPresent(failure -> {
            evidence.put("errorCode", failure.code());
            evidence.put("errorMessage", failure.message());
        });
        return evidence;
    }
}
