package dev.rootgate.request;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rootgate.identity.Caller;
import dev.rootgate.identity.MfaCheck;
import dev.rootgate.net.Cidr;
import dev.rootgate.policy.Account;
import dev.rootgate.policy.ApprovalStage;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.Refusal;

/**
 * Every rule of a request's life, decided in one place: given the policy as it stands, the accepted MFA methods
 * and the time, each move answers the {@link Outcome} to write or throws the {@link Refusal} with its reason.
 * No CDI, no database: the services lock and load, call in here, then persist what comes back.
 *
 * <p>Every step is decided under the policy and the identities of now: the rule a request was made under, as the
 * current policy file defines it, must still cover its account and task policy and still let its requester
 * request; a vote counts only while its approver still belongs to a group that approves under that rule. Only a
 * person's own token proves their groups, so "now" is, for the caller, this call's token, and for anyone else the
 * groups their latest token showed. Checks that a fresh login cannot change come first, the MFA check last, so a
 * page offers a re-login only where it would help.
 */
public final class RequestCore {

    /** A request as loaded for a move: its row, its decisions in the order taken, the groups last seen per subject. */
    public record Situation(AccessRequest request, List<Decision> decisions, Map<String, Set<String>> groupsSeen) {
    }

    /** What a new request is made under: its rule, the stages it must meet, and when it expires unanswered. */
    public record Creation(Rule rule, List<ApprovalStage> stages, Instant pendingUntil) {
    }

    /** A vote recorded, and the outcome it leads to (a deny ends the request, a met quorum approves it). */
    public record Decided(Quorum.Tally tally, Outcome outcome) {
    }

    private static final Set<RequestStatus> IN_PLAY = EnumSet.of(RequestStatus.PENDING, RequestStatus.APPROVED);
    private static final Set<RequestStatus> STARTED_BEFORE = EnumSet.of(RequestStatus.STARTING, RequestStatus.ACTIVE,
            RequestStatus.ENDED, RequestStatus.INTERRUPTED);

    private final Policy policy;
    private final Set<String> mfaMethods;
    private final Instant now;

    public RequestCore(Policy policy, Set<String> mfaMethods, Instant now) {
        this.policy = policy;
        this.mfaMethods = Set.copyOf(mfaMethods);
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    /** Requesting: a rule must let the caller's groups ask for this task policy on this account, here and now. */
    public Creation create(Caller caller, Account account, TaskPolicy taskPolicy, Optional<String> ticket) {
        Refusal.Builder refuse = Refusal.of(caller.actor(), "request", null, account.id(), taskPolicy.name());
        Rule rule = policy.match(taskPolicy, account, caller.groups()).orElseThrow(() -> refuse.forbidden(
                "no_matching_rule", "no rule lets your groups request " + taskPolicy.name() + " on " + account.id()));
        refuse.with("rule", rule.name());
        requireSource(caller, rule, refuse);
        requireChangeWindow(rule, refuse, "requests");
        if (rule.ticketRequired()) {
            String given = ticket.orElseThrow(() -> new InvalidInput("ticket", "rule " + rule.name() + " requires a ticket"));
            if (!rule.ticketPattern().get().matcher(given).matches()) {
                throw new InvalidInput("ticket", "must match " + rule.ticketPattern().get().pattern());
            }
        }
        MfaCheck.require(caller.mfa(), mfaMethods, rule.mfaMaxAge().request(), now, refuse);
        return new Creation(rule, rule.stages(), now.plus(rule.pendingTtl()));
    }

    /** For the request form: each task policy, with the accounts a rule lets the caller request it on. */
    public Map<TaskPolicy, List<Account>> requestable(Caller caller) {
        Map<TaskPolicy, List<Account>> requestable = new EnumMap<>(TaskPolicy.class);
        for (TaskPolicy taskPolicy : TaskPolicy.values()) {
            requestable.put(taskPolicy, policy.accounts().stream()
                    .filter(account -> policy.match(taskPolicy, account, caller.groups()).isPresent()).toList());
        }
        return requestable;
    }

    /** For the request form: the freshest login any rule the caller may request under asks for (none: no rule). */
    public Optional<Duration> requestMfaMaxAge(Caller caller) {
        return policy.rules().stream().filter(rule -> rule.requestableBy(caller.groups()))
                .map(rule -> rule.mfaMaxAge().request()).min(Duration::compareTo);
    }

    /** Deciding: an approver of the rule, not the requester, once, on a pending request, with fresh MFA. */
    public Decided decide(Situation situation, Caller caller, Verdict verdict, String comment) {
        AccessRequest request = situation.request();
        Refusal.Builder refuse = refusal(caller, "decide", request).with("verdict", verdict.name());
        Rule rule = ruleOf(request, refuse);
        if (caller.subject().equals(request.requesterSubject)) {
            throw refuse.forbidden("self_approval", "you cannot decide on your own request");
        }
        Set<String> approving = approvingGroups(request, rule);
        if (!caller.inAnyOf(approving)) {
            throw refuse.forbidden("not_an_approver", "only members of " + approving + " decide on this request");
        }
        if (request.status != RequestStatus.PENDING) {
            throw refuse.conflict("not_pending", "the request is " + request.status + ", no longer open for decisions");
        }
        if (!now.isBefore(request.pendingUntil)) {
            throw refuse.conflict("request_expired", "the request waited past its pending deadline");
        }
        if (situation.decisions().stream().anyMatch(d -> d.approverSubject.equals(caller.subject()))) {
            throw refuse.conflict("already_decided", "you have already decided on this request");
        }
        requireStanding(rule, request, groupsOf(situation, caller, request.requesterSubject), refuse);
        requireSource(caller, rule, refuse);
        MfaCheck.require(caller.mfa(), mfaMethods, rule.mfaMaxAge().decide(), now, refuse);

        List<Quorum.Vote> votes = Stream.concat(votesNow(situation, caller).stream(),
                Stream.of(new Quorum.Vote(caller.subject(), verdict, caller.groups()))).toList();
        Quorum.Tally tally = Quorum.tally(stagesOf(request, rule), rule.approvers(), votes);
        Outcome.Event recorded = new Outcome.Event("decision.recorded", Outcome.details("verdict", verdict.name(),
                "comment", comment, "approvals", tally.counting(), "approvalsRequired", tally.required(),
                "stage", tally.standings().get(caller.subject()).stage(), "progress", progress(tally),
                "mfaMethods", caller.mfa().methodsText(), "mfaAuthTime", caller.mfa().authTime().orElseThrow().toString()));
        if (verdict == Verdict.DENY) {
            return new Decided(tally, new Outcome(List.of(recorded), List.of(new Outcome.Step(RequestStatus.DENIED,
                    Outcome.details("comment", comment)))));
        }
        if (tally.met()) {
            return new Decided(tally, new Outcome(List.of(recorded), List.of(approval(rule, tally, Optional.empty()))));
        }
        return new Decided(tally, new Outcome(List.of(recorded), List.of()));
    }

    /** The move to APPROVED; {@code reason} is said only when it is not the usual one (a vote meeting the quorum). */
    private Outcome.Step approval(Rule rule, Quorum.Tally tally, Optional<String> reason) {
        Instant activateBy = now.plus(rule.activationWindow());
        Map<String, Object> details = Outcome.details("approvals", tally.counting(), "progress", progress(tally),
                "activateBy", activateBy.toString());
        reason.ifPresent(why -> details.put("reason", why));
        return new Outcome.Step(RequestStatus.APPROVED, details, activateBy);
    }

    /**
     * Starting: the requester, once, within the activation window and the rule's change windows, while the rule
     * still stands and its quorum still holds. The answer is the claim (APPROVED → STARTING). A quorum lost since
     * approval answers instead the move back to PENDING, so that the approvers who remain can meet it again, and the
     * refusal to give once that move is written. A request back in PENDING whose quorum is met again (an approver
     * counts again) is approved again and claimed in the same answer, before its pending deadline.
     */
    public Start start(Situation situation, Caller caller) {
        AccessRequest request = situation.request();
        Refusal.Builder refuse = refusal(caller, "start", request);
        if (!caller.subject().equals(request.requesterSubject)) {
            throw refuse.forbidden("not_requester", "only the requester can start the session");
        }
        Rule rule = ruleOf(request, refuse);
        Quorum.Tally tally = tally(situation, caller);
        boolean approvedAgain = request.status == RequestStatus.PENDING && tally.met()
                && now.isBefore(request.pendingUntil);
        if (request.status != RequestStatus.APPROVED && !approvedAgain) {
            throw refuse.conflict(STARTED_BEFORE.contains(request.status) ? "already_started" : "not_approved",
                    "the request is " + request.status + "; only an APPROVED request can be started, once");
        }
        if (!approvedAgain && !now.isBefore(request.activateBy)) {
            throw refuse.conflict("activation_window_passed", "the approval expired at " + request.activateBy);
        }
        requireStanding(rule, request, caller.groups(), refuse);
        if (!tally.met()) {
            return new Start(Outcome.moveTo(RequestStatus.PENDING, Outcome.details("reason", "approver_no_longer_eligible",
                    "approvals", tally.counting(), "progress", progress(tally))),
                    Optional.of(refuse.conflict("approver_no_longer_eligible", "only " + tally.counting() + " of the "
                            + tally.required() + " approvals still count: an approver has left the groups that approve"
                            + " under rule " + rule.name() + " since voting; the request waits for approvals again")));
        }
        // The window governs when root is used, not only when it is asked for.
        requireChangeWindow(rule, refuse, "sessions");
        requireSource(caller, rule, refuse);
        MfaCheck.require(caller.mfa(), mfaMethods, rule.mfaMaxAge().start(), now, refuse);
        Outcome.Step claim = new Outcome.Step(RequestStatus.STARTING, Outcome.details("sessionSeconds", request.sessionSeconds,
                "mfaMethods", caller.mfa().methodsText(), "mfaAuthTime", caller.mfa().authTime().orElseThrow().toString()));
        return new Start(new Outcome(List.of(), approvedAgain ? List.of(approval(rule, tally, Optional.of("quorum_met_again")), claim)
                : List.of(claim)), Optional.empty());
    }

    /** The move a start writes, and the refusal to answer after writing it when the start cannot go on. */
    public record Start(Outcome outcome, Optional<Refusal> thenRefuse) {
    }

    /** Cancelling: the requester, before the session is started. Needs no fresh MFA: it only takes power away. */
    public Outcome cancel(Situation situation, Caller caller) {
        AccessRequest request = situation.request();
        Refusal.Builder refuse = refusal(caller, "cancel", request);
        if (!caller.subject().equals(request.requesterSubject)) {
            throw refuse.forbidden("not_requester", "only the requester can cancel a request");
        }
        if (!request.status.canMoveTo(RequestStatus.CANCELLED)) {
            throw refuse.conflict("not_cancellable", "this request is " + request.status + " and can no longer be cancelled");
        }
        return Outcome.moveTo(RequestStatus.CANCELLED, Outcome.details());
    }

    /**
     * Deadlines: a pending request unanswered by its deadline and an approval not used within its activation window
     * expire; a session past its expiry has ended; a start claimed longer ago than any start can take has lost its
     * process, and a session may exist, so it is INTERRUPTED and never retried.
     */
    public Optional<Outcome> expire(AccessRequest request, Duration longestStart) {
        return switch (request.status) {
            case PENDING -> due(request.pendingUntil, RequestStatus.EXPIRED, "pending TTL passed");
            case APPROVED -> due(request.activateBy, RequestStatus.EXPIRED, "activation window passed");
            case ACTIVE -> due(request.sessionExpiresAt, RequestStatus.ENDED, "session expired");
            case STARTING -> due(request.claimedAt.plus(longestStart), RequestStatus.INTERRUPTED,
                    "start claimed at " + request.claimedAt + " never finished");
            default -> Optional.empty();
        };
    }

    /** What the caller may do on this request now: each move tried against the same rules, nothing written. */
    public Allowed allowedActions(Situation situation, Caller caller) {
        return new Allowed(
                permission(() -> decide(situation, caller, Verdict.APPROVE, "")),
                permission(() -> start(situation, caller).thenRefuse().ifPresent(refusal -> {
                    throw refusal;
                })),
                permission(() -> cancel(situation, caller)));
    }

    /** The votes as they stand now (see {@link Quorum}); on a closed request, as they stood when cast. */
    public Quorum.Tally tally(Situation situation, Caller caller) {
        AccessRequest request = situation.request();
        Optional<Rule> rule = policy.rule(request.ruleName);
        List<ApprovalStage> stages = stagesOf(request, rule.orElse(null));
        if (!IN_PLAY.contains(request.status)) {
            Set<String> all = stages.stream().flatMap(stage -> stage.groups().stream()).collect(Collectors.toSet());
            return Quorum.tally(stages, all, situation.decisions().stream()
                    .map(d -> new Quorum.Vote(d.approverSubject, d.verdict, d.approverGroups != null ? d.approverGroups
                            : situation.groupsSeen().getOrDefault(d.approverSubject, Set.of()))).toList());
        }
        return Quorum.tally(stages, rule.map(Rule::approvers).orElse(Set.of()), votesNow(situation, caller));
    }

    /** Whether a vote does not count because the rule it was cast under is gone (rather than its approver). */
    public boolean ruleWithdrawn(AccessRequest request) {
        return IN_PLAY.contains(request.status) && policy.rule(request.ruleName).isEmpty();
    }

    private Allowed.Permission permission(Runnable move) {
        try {
            move.run();
            return Allowed.Permission.ALLOWED;
        } catch (Refusal refusal) {
            if (MfaCheck.MFA_REQUIRED.equals(refusal.code()) || MfaCheck.MFA_STALE.equals(refusal.code())) {
                return Allowed.Permission.afterFreshMfa(((Number) refusal.extra().get("mfaMaxAgeSeconds")).longValue(),
                        refusal.code());
            }
            return Allowed.Permission.refused(refusal.code());
        }
    }

    private Optional<Outcome> due(Instant deadline, RequestStatus target, String reason) {
        return deadline != null && !now.isBefore(deadline)
                ? Optional.of(Outcome.moveTo(target, Outcome.details("reason", reason)))
                : Optional.empty();
    }

    private List<Quorum.Vote> votesNow(Situation situation, Caller caller) {
        return situation.decisions().stream()
                .map(d -> new Quorum.Vote(d.approverSubject, d.verdict, groupsOf(situation, caller, d.approverSubject)))
                .toList();
    }

    private static Set<String> groupsOf(Situation situation, Caller caller, String subject) {
        return subject.equals(caller.subject()) ? caller.groups() : situation.groupsSeen().getOrDefault(subject, Set.of());
    }

    /** The stages fixed at creation; a request made before stages existed had one: the rule's approvers. */
    static List<ApprovalStage> stagesOf(AccessRequest request, Rule rule) {
        if (request.approvalStages != null) {
            return request.approvalStages;
        }
        return List.of(new ApprovalStage(rule == null ? Set.of() : rule.approvers(), request.approvalsRequired, false));
    }

    /** The groups whose members may decide on this request: named by one of its stages and by the rule today. */
    private static Set<String> approvingGroups(AccessRequest request, Rule rule) {
        return stagesOf(request, rule).stream().flatMap(stage -> stage.groups().stream())
                .filter(rule.approvers()::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String progress(Quorum.Tally tally) {
        return tally.stages().stream().map(p -> p.approvers().size() + "/" + p.stage().count() + " from "
                + String.join(" or ", p.stage().groups())).collect(Collectors.joining("; "));
    }

    private Rule ruleOf(AccessRequest request, Refusal.Builder refuse) {
        return policy.rule(request.ruleName).orElseThrow(() -> refuse.conflict("rule_withdrawn",
                "rule " + request.ruleName + " is no longer in the policy file"));
    }

    /** The rule still covers the request's account and task policy, and still lets its requester request. */
    private void requireStanding(Rule rule, AccessRequest request, Set<String> requesterGroups, Refusal.Builder refuse) {
        Account account = policy.account(request.accountId).orElseThrow(() -> refuse.conflict("rule_no_longer_covers",
                "account " + request.accountId + " is no longer in the catalog"));
        if (!rule.covers(TaskPolicy.valueOf(request.taskPolicy), account)) {
            throw refuse.conflict("rule_no_longer_covers", "rule " + rule.name() + " no longer covers "
                    + request.taskPolicy + " on " + request.accountId);
        }
        if (!rule.requestableBy(requesterGroups)) {
            throw refuse.forbidden("requester_no_longer_eligible", "the requester is no longer in any of "
                    + rule.requesters() + ", the groups that may request under rule " + rule.name());
        }
    }

    private void requireChangeWindow(Rule rule, Refusal.Builder refuse, String what) {
        if (!rule.inChangeWindow(now)) {
            throw refuse.forbidden("outside_change_window", "rule " + rule.name() + " allows " + what
                    + " only in its change windows");
        }
    }

    private static void requireSource(Caller caller, Rule rule, Refusal.Builder refuse) {
        Optional<InetAddress> source = Cidr.address(caller.sourceIp());
        if (source.isEmpty()) {
            throw refuse.forbidden("source_unknown", "the address this request comes from cannot be established");
        }
        if (!rule.allowsSource(source.get())) {
            throw refuse.forbidden("source_not_allowed", caller.sourceIp() + " is outside the networks rule "
                    + rule.name() + " allows");
        }
    }

    private static Refusal.Builder refusal(Caller caller, String attempt, AccessRequest request) {
        return Refusal.of(caller.actor(), attempt, request.id, request.accountId, request.taskPolicy);
    }
}
