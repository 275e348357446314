package dev.rootgate.request;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import dev.rootgate.audit.AuditLog;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.net.Cidr;
import dev.rootgate.policy.Account;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.Problem;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;

/** Creating, cancelling and reading requests. Deciding is in approval, starting in broker. */
@ApplicationScoped
@RecordsRefusals
public class RequestService {

    static final int JUSTIFICATION_MAX = 2000;
    static final int TICKET_MAX = 64;
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern TICKET_CHARACTERS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/#-]*");

    @Inject
    PolicyService policies;
    @Inject
    Lifecycle lifecycle;
    @Inject
    AuditLog audit;
    @Inject
    MfaGate mfa;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    @Transactional
    public AccessRequest create(Caller caller, NewRequest input) {
        Policy policy = policies.current();
        Account account = validAccount(policy, input.accountId());
        TaskPolicy taskPolicy = validTaskPolicy(input.taskPolicy());
        String justification = validJustification(input.justification());
        String ticket = validTicketShape(input.ticket());

        Refusal.Builder refuse = Refusal.of(caller.actor(), "request", null, account.id(), taskPolicy.name());
        Rule rule = policy.match(taskPolicy, account, caller.groups()).orElseThrow(() -> refuse.forbidden(
                "no_matching_rule", "no rule lets your groups request " + taskPolicy.name() + " on " + account.id()));
        refuse.with("rule", rule.name());
        mfa.require(caller, rule.mfaMaxAge().request(), refuse);
        requireSource(caller, rule, refuse);
        Instant now = clock.instant();
        if (!rule.inChangeWindow(now)) {
            throw refuse.forbidden("outside_change_window", "rule " + rule.name() + " allows requests only in its change windows");
        }
        if (rule.ticketRequired()) {
            if (ticket == null) {
                throw new InvalidInput("ticket", "rule " + rule.name() + " requires a ticket");
            }
            if (!rule.ticketPattern().get().matcher(ticket).matches()) {
                throw new InvalidInput("ticket", "must match " + rule.ticketPattern().get().pattern());
            }
        }

        // Checked first so that the usual case does not end in a failed INSERT; the index below settles races.
        if (AccessRequest.count("requesterSubject = ?1 and accountId = ?2 and taskPolicy = ?3 and status in ?4",
                caller.subject(), account.id(), taskPolicy.name(), RequestStatus.OPEN) > 0) {
            throw openRequestExists(refuse, taskPolicy, account);
        }

        AccessRequest request = new AccessRequest();
        request.requesterSubject = caller.subject();
        request.requesterName = caller.name();
        request.requesterUsername = caller.username();
        request.accountId = account.id();
        request.taskPolicy = taskPolicy.name();
        request.justification = justification;
        request.ticket = ticket;
        request.status = RequestStatus.PENDING;
        request.approvalsRequired = rule.approvals();
        request.ruleName = rule.name();
        request.policySha256 = policy.sha256();
        request.sessionSeconds = rule.sessionSeconds();
        request.sourceIp = caller.sourceIp();
        request.mfaMethods = caller.mfa().methodsText();
        request.mfaAuthTime = caller.mfa().authTime().orElseThrow();
        request.createdAt = now;
        request.pendingUntil = now.plus(rule.pendingTtl());
        try {
            request.persistAndFlush();
        } catch (ConstraintViolationException e) {
            if (!"access_request_one_open".equals(e.getConstraintName())) {
                throw e;
            }
            // The partial unique index admits one open request per requester, account and task policy, even
            // when two submissions race.
            throw openRequestExists(refuse, taskPolicy, account);
        }
        audit.append(caller.actor(), "request.created", Lifecycle.subjectOf(request), Map.of(
                "rule", rule.name(), "policySha256", policy.sha256(), "justification", justification,
                "ticket", ticket == null ? "" : ticket, "approvalsRequired", rule.approvals(),
                "mfaMethods", request.mfaMethods, "mfaAuthTime", request.mfaAuthTime.toString()));
        return request;
    }

    @Transactional
    public AccessRequest cancel(Caller caller, long id) {
        AccessRequest request = lockVisible(caller, id, "cancel");
        Refusal.Builder refuse = Refusal.of(caller.actor(), "cancel", id, request.accountId, request.taskPolicy);
        if (!caller.subject().equals(request.requesterSubject)) {
            throw refuse.forbidden("not_requester", "only the requester can cancel a request");
        }
        if (!request.status.canMoveTo(RequestStatus.CANCELLED)) {
            throw refuse.conflict("not_cancellable", "a " + request.status + " request cannot be cancelled");
        }
        lifecycle.move(request, RequestStatus.CANCELLED, caller.actor(), Map.of());
        return request;
    }

    private static Refusal openRequestExists(Refusal.Builder refuse, TaskPolicy taskPolicy, Account account) {
        return refuse.conflict("open_request_exists",
                "you already have an open request for " + taskPolicy.name() + " on " + account.id());
    }

    /** The request, if the caller may see it; 404 otherwise. Reading is not audited. */
    @Transactional
    public AccessRequest get(Caller caller, long id) {
        AccessRequest request = AccessRequest.findById(id);
        if (request == null || !Access.canSee(caller, request, policies.current())) {
            throw Problem.notFound("request " + id);
        }
        return request;
    }

    /**
     * Loads and row-locks a request for a change. Every writer of a request takes this lock first, so concurrent
     * decisions, starts and cancellations see each other's effects: no lost vote, no double count, no double start.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AccessRequest lockVisible(Caller caller, long id, String attempt) {
        AccessRequest request = em.find(AccessRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !Access.canSee(caller, request, policies.current())) {
            throw Refusal.of(caller.actor(), attempt, id, null, null).notFound("request " + id);
        }
        return request;
    }

    /** The rule a request was created under; a rule since removed from the policy file allows nothing more. */
    public Rule ruleOf(AccessRequest request, Refusal.Builder refuse) {
        return policies.current().rule(request.ruleName).orElseThrow(() -> refuse.conflict("rule_withdrawn",
                "rule " + request.ruleName + " is no longer in the policy file"));
    }

    public static void requireSource(Caller caller, Rule rule, Refusal.Builder refuse) {
        Optional<InetAddress> source = Cidr.address(caller.sourceIp());
        if (source.isEmpty()) {
            throw refuse.forbidden("source_unknown", "the address this request comes from cannot be established");
        }
        if (!rule.allowsSource(source.get())) {
            throw refuse.forbidden("source_not_allowed", caller.sourceIp() + " is outside the networks rule "
                    + rule.name() + " allows");
        }
    }

    private static Account validAccount(Policy policy, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new InvalidInput("accountId", "is required");
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidInput("accountId", "must be a 12-digit AWS account id");
        }
        return policy.account(accountId)
                .orElseThrow(() -> new InvalidInput("accountId", "account " + accountId + " is not in the catalog"));
    }

    private static TaskPolicy validTaskPolicy(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("taskPolicy", "is required");
        }
        return TaskPolicy.byName(name).orElseThrow(() -> new InvalidInput("taskPolicy",
                "unknown task policy " + abbreviated(name) + "; one of " + java.util.Arrays.toString(TaskPolicy.values())));
    }

    private static String validJustification(String justification) {
        String text = justification == null ? "" : justification.strip();
        if (text.isEmpty()) {
            throw new InvalidInput("justification", "is required");
        }
        if (text.length() > JUSTIFICATION_MAX) {
            throw new InvalidInput("justification", "at most " + JUSTIFICATION_MAX + " characters");
        }
        return InvalidInput.plainText("justification", text);
    }

    private static String validTicketShape(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return null;
        }
        String text = ticket.strip();
        if (text.length() > TICKET_MAX || !TICKET_CHARACTERS.matcher(text).matches()) {
            throw new InvalidInput("ticket", "at most " + TICKET_MAX + " characters of letters, digits and _.:/#-");
        }
        return text;
    }

    static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
