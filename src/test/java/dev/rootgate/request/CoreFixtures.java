package dev.rootgate.request;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rootgate.identity.Caller;
import dev.rootgate.identity.MfaEvidence;
import dev.rootgate.policy.ApprovalStage;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyParser;

/** Requests, people and a policy for the request core's tables: plain objects, no Quarkus, no database. */
final class CoreFixtures {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Set<String> MFA_METHODS = Set.of("mfa", "otp");
    static final String POLICY_YAML = """
            accounts:
              - {id: "111122223333", name: prod, ou: prod}
            defaults:
              mfaMaxAge: {request: PT15M, decide: PT15M, start: PT5M}
            rules:
              - name: unlock
                taskPolicies: [S3UnlockBucketPolicy]
                accounts: ["ou:prod"]
                requesters: [engineers]
                approvers: [sec, lead]
                approvals: 2
            """;
    static final Policy POLICY = policy(POLICY_YAML);
    /** The request's stages, fixed at creation: one from sec AND one from lead. */
    static final List<ApprovalStage> SEC_AND_LEAD = List.of(new ApprovalStage(Set.of("sec"), 1, false),
            new ApprovalStage(Set.of("lead"), 1, false));

    static final Caller REQUESTER = person("ruth", "engineers");
    static final Caller SECURITY = person("sam", "sec");
    static final Caller LEAD = person("lena", "lead");
    static final Caller OTHER_SECURITY = person("sid", "sec");
    static final Caller OUTSIDER = person("olga", "marketing");

    private CoreFixtures() {
    }

    static Policy policy(String yaml) {
        return PolicyParser.parse("core.yaml", yaml.getBytes(UTF_8));
    }

    static RequestCore core() {
        return new RequestCore(POLICY, MFA_METHODS, NOW);
    }

    static Caller person(String subject, String... groups) {
        return withMfaAge(new Caller(subject, subject, subject, Set.of(groups), null, "10.0.0.1"), Duration.ofMinutes(1));
    }

    static Caller withMfaAge(Caller caller, Duration age) {
        return new Caller(caller.subject(), caller.name(), caller.username(), caller.groups(),
                new MfaEvidence(List.of("pwd", "otp"), Optional.of(NOW.minus(age))), caller.sourceIp());
    }

    static Caller withGroups(Caller caller, String... groups) {
        return new Caller(caller.subject(), caller.name(), caller.username(), Set.of(groups), caller.mfa(),
                caller.sourceIp());
    }

    static AccessRequest request(RequestStatus status) {
        AccessRequest request = new AccessRequest();
        request.id = 7L;
        request.requesterSubject = REQUESTER.subject();
        request.accountId = "111122223333";
        request.taskPolicy = "S3UnlockBucketPolicy";
        request.ruleName = "unlock";
        request.approvalStages = SEC_AND_LEAD;
        request.approvalsRequired = 2;
        request.sessionSeconds = 900;
        request.status = status;
        request.createdAt = NOW.minus(Duration.ofMinutes(30));
        request.pendingUntil = NOW.plus(Duration.ofMinutes(90));
        if (status != RequestStatus.PENDING) {
            request.approvedAt = NOW.minus(Duration.ofMinutes(5));
            request.activateBy = NOW.plus(Duration.ofMinutes(25));
        }
        return request;
    }

    /** The request with the given people's approvals, their groups as last seen being those they carry here. */
    static RequestCore.Situation situation(AccessRequest request, Caller... approvers) {
        List<Decision> decisions = new ArrayList<>();
        Map<String, Set<String>> groups = new HashMap<>();
        groups.put(REQUESTER.subject(), REQUESTER.groups());
        for (Caller approver : approvers) {
            Decision decision = new Decision();
            decision.approverSubject = approver.subject();
            decision.approverName = approver.name();
            decision.approverGroups = approver.groups();
            decision.verdict = Verdict.APPROVE;
            decisions.add(decision);
            groups.put(approver.subject(), approver.groups());
        }
        return new RequestCore.Situation(request, decisions, groups);
    }
}
