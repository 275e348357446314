package dev.rootgate.detect;

/** What reconciling one CloudTrail record (or its absence) found, each with the severity it is raised at. */
public enum FindingKind {
    /** A brokered session, matched by access key id: the request's timeline shows it. */
    CONFIRMED(Severity.INFO),
    /** A failed AssumeRoot that is rootgate's own refused attempt (account, task policy, claim time, broker). */
    ATTEMPT_CONFIRMED(Severity.INFO),
    /** A root session issued to the broker principal that rootgate did not broker. */
    ROOT_SESSION_OUTSIDE_ROOTGATE(Severity.CRITICAL),
    /** An AssumeRoot by any principal other than rootgate's broker, success or failure. */
    FOREIGN_PRINCIPAL(Severity.CRITICAL),
    /** A failed AssumeRoot by the broker principal that rootgate did not attempt: reconnaissance. */
    UNATTEMPTED_FAILURE(Severity.HIGH),
    /** A root session for a task that creates a root password or deletes root credentials. */
    RISKY_TASK(Severity.HIGH),
    /** An INTERRUPTED request whose AssumeRoot did issue a session: one that was never handed out. */
    INTERRUPTED_SESSION_ISSUED(Severity.HIGH),
    /** An INTERRUPTED request with no AssumeRoot in CloudTrail after the delay: no session was issued. */
    INTERRUPTED_NO_SESSION(Severity.INFO),
    /** A session rootgate issued that CloudTrail has not shown after the delay: the trail may be stopped. */
    SESSION_NOT_IN_TRAIL(Severity.HIGH),
    /** A root session at a time no rule covering its account and task policy has in its change windows. */
    OUTSIDE_CHANGE_WINDOW(Severity.HIGH),
    /** iam:Put*Policy, Attach*Policy or Create* in the management account: the path to sts:AssumeRoot. */
    IAM_POLICY_CHANGE(Severity.CRITICAL),
    /** iam:UpdateAssumeRolePolicy in the management account: a new way in, perhaps from another account. */
    TRUST_POLICY_CHANGE(Severity.CRITICAL),
    /** cloudtrail:StopLogging, DeleteTrail or UpdateTrail: covering tracks. */
    TRAIL_CHANGE(Severity.CRITICAL);

    private final Severity severity;

    FindingKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** The audit event type of a finding of this kind. */
    public String auditType() {
        return "detection." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
