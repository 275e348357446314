package dev.rootgate.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.identity.Caller;
import dev.rootgate.policy.Account;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.problem.Refusal;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creating and cancelling requests, as {@link RequestCore} decides. Deciding is in approval, starting in broker. */
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
    RequestStore store;
    @Inject
    Lifecycle lifecycle;
    @Inject
    RequestReads reads;

    /** Creates the request and answers it as its creator sees it, read in the same transaction. */
    @Transactional
    public RequestReads.Detail create(Caller caller, NewRequest input) {
        Policy policy = policies.current();
        // Every field is checked before any is refused, so that a form can say at once all that needs correcting.
        List<InvalidInput> invalid = new ArrayList<>();
        Account account = checked(invalid, () -> validAccount(policy, input.accountId()));
        TaskPolicy taskPolicy = checked(invalid, () -> validTaskPolicy(input.taskPolicy()));
        String justification = checked(invalid, () -> validJustification(input.justification()));
        Optional<String> ticket = checked(invalid, () -> validTicketShape(input.ticket()));
        InvalidInput.throwAll(invalid);
        RequestCore core = store.core();
        RequestCore.Creation creation = core.create(caller, account, taskPolicy, ticket);
        Refusal.Builder refuse = Refusal.of(caller.actor(), "request", null, account.id(), taskPolicy.name())
                .with("rule", creation.rule().name());

        // Checked first so that the usual case does not end in a failed INSERT; the index below settles races.
        Optional<Long> open = store.openRequestOf(caller.subject(), account.id(), taskPolicy.name());
        if (open.isPresent()) {
            throw openRequestExists(refuse.with("openRequestId", open.get()), taskPolicy, account);
        }

        AccessRequest request = new AccessRequest();
        request.requesterSubject = caller.subject();
        request.requesterName = caller.name();
        request.requesterUsername = caller.username();
        request.requesterEmail = caller.email();
        request.accountId = account.id();
        request.taskPolicy = taskPolicy.name();
        request.justification = justification;
        request.ticket = ticket.orElse(null);
        request.status = RequestStatus.PENDING;
        request.approvalStages = creation.stages();
        request.approvalsRequired = creation.rule().approvals();
        request.ruleName = creation.rule().name();
        request.policySha256 = policy.sha256();
        request.sessionSeconds = creation.rule().sessionSeconds();
        request.sourceIp = caller.sourceIp();
        request.mfaMethods = caller.mfa().methodsText();
        request.mfaAuthTime = caller.mfa().authTime().orElseThrow();
        request.createdAt = core.now();
        request.pendingUntil = creation.pendingUntil();
        try {
            request.persistAndFlush();
        } catch (ConstraintViolationException e) {
            if (!"access_request_one_open".equals(e.getConstraintName())) {
                throw e;
            }
            // The partial unique index admits one open request per requester, account and task policy, even
            // when two submissions race. The winner has committed (the index waited for it): a new transaction sees
            // it, where this one, failed, can read nothing more.
            Optional<Long> winner = QuarkusTransaction.requiringNew()
                    .call(() -> store.openRequestOf(caller.subject(), account.id(), taskPolicy.name()));
            throw openRequestExists(winner.map(id -> refuse.with("openRequestId", id)).orElse(refuse), taskPolicy, account);
        }
        AuditEvent created = lifecycle.record(request, caller.actor(), "request.created", Outcome.details(
                "rule", request.ruleName, "policySha256", policy.sha256(), "justification", justification,
                "ticket", ticket.orElse(""), "approvalsRequired", request.approvalsRequired,
                "stages", StagesColumn.describe(request.approvalStages),
                "mfaMethods", request.mfaMethods, "mfaAuthTime", request.mfaAuthTime.toString()));
        return reads.created(caller, request, created);
    }

    @Transactional
    public AccessRequest cancel(Caller caller, long id) {
        RequestCore.Situation situation = store.lockVisible(caller, id, "cancel");
        lifecycle.apply(situation.request(), store.core().cancel(situation, caller), caller.actor());
        return situation.request();
    }

    private static Refusal openRequestExists(Refusal.Builder refuse, TaskPolicy taskPolicy, Account account) {
        return refuse.conflict("open_request_exists",
                "you already have an open request for " + taskPolicy.name() + " on " + account.id());
    }

    private static <T> T checked(List<InvalidInput> invalid, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInput e) {
            invalid.add(e);
            return null;
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
        if (text.codePointCount(0, text.length()) > JUSTIFICATION_MAX) {
            throw new InvalidInput("justification", "at most " + JUSTIFICATION_MAX + " characters");
        }
        return InvalidInput.plainText("justification", text);
    }

    private static Optional<String> validTicketShape(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return Optional.empty();
        }
        String text = ticket.strip();
        if (text.length() > TICKET_MAX || !TICKET_CHARACTERS.matcher(text).matches()) {
            throw new InvalidInput("ticket", "at most " + TICKET_MAX + " characters of letters, digits and _.:/#-");
        }
        return Optional.of(text);
    }

    static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
