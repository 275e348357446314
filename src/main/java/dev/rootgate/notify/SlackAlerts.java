package dev.rootgate.notify;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.audit.Checkpoint;
import dev.rootgate.audit.CheckpointSigned;
import dev.rootgate.identity.Actor;
import dev.rootgate.policy.Account;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.Risk;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.RefusalEvent;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.RequestEvent;

/**
 * Security alerts to {@code rootgate.slack.alerts-channel}: every session started (HIGH and CRITICAL marked), every
 * STS failure and INTERRUPTED session, and break-glass rules and the credential-changing task policies when requested,
 * approved and started, and refusals that smell of abuse (self-approval, missing or stale MFA, outside the rule's
 * addresses or change window, a burst of refusals from one subject), and each signed audit checkpoint. Each request's
 * alerts keep their order; alerts of different requests do not wait on each other.
 */
@ApplicationScoped
public class SlackAlerts {

    /** Task policies that create or remove the root user's credentials: watched from request to session. */
    private static final Set<TaskPolicy> WATCHED = Set.of(TaskPolicy.IAMCreateRootUserPassword,
            TaskPolicy.IAMDeleteRootUserCredentials);
    /** Refusals that someone trying what they must not is more likely to meet than someone making a mistake. */
    private static final Set<String> ABUSE = Set.of("self_approval", "mfa_required", "mfa_stale", "source_not_allowed",
            "source_unknown", "outside_change_window");

    @Inject
    SlackSettings slack;
    @Inject
    Outbox outbox;
    @Inject
    PolicyService policies;

    void on(@Observes RequestEvent event) {
        slack.alertsChannel().ifPresent(channel -> text(event).ifPresent(text -> {
            AccessRequest request = event.request();
            String payload = SlackMessages.alert(text, slack.requestLink(request.id)).put("channel", channel).toString();
            outbox.write(SlackSink.NAME, SlackSink.POST, "alerts:request:" + request.id, payload);
        }));
    }

    void on(@Observes RefusalEvent event) {
        if (!event.burst() && !ABUSE.contains(event.refusal().code())) {
            return;
        }
        slack.alertsChannel().ifPresent(channel -> {
            var refusal = event.refusal();
            String target = refusal.requestId() != null ? "request #" + refusal.requestId()
                    : refusal.accountId() != null ? "account " + SlackText.inert(refusal.accountId(), 32) : "rootgate";
            String text = event.burst()
                    ? "Burst of refusals: " + SlackMessages.person(refusal.actor()) + " keeps being refused (latest: "
                    + SlackText.inert(refusal.attempt(), 32) + " on " + target + ", " + refusal.code()
                    + "); the rest of this window is counted, not audited one by one."
                    : "Refused " + refusal.code() + ": " + SlackMessages.person(refusal.actor()) + " tried to "
                    + SlackText.inert(refusal.attempt(), 32) + " " + target + ".";
            ObjectNode alert = refusal.requestId() == null ? SlackMessages.alert(text)
                    : SlackMessages.alert(text, slack.requestLink(refusal.requestId()));
            outbox.write(SlackSink.NAME, SlackSink.POST, null, alert.put("channel", channel).toString());
        });
    }

    /** Each signed checkpoint, so that a copy lives where the database's administrators cannot rewrite it. */
    void on(@Observes CheckpointSigned signed) {
        slack.alertsChannel().ifPresent(channel -> {
            Checkpoint checkpoint = signed.checkpoint();
            String text = "Audit checkpoint: the chain up to seq " + checkpoint.seq() + " is signed. Keep this line to"
                    + " verify exports against it: " + checkpoint.json();
            outbox.write(SlackSink.NAME, SlackSink.POST, "alerts:checkpoints",
                    SlackMessages.alert(text).put("channel", channel).toString());
        });
    }

    private Optional<String> text(RequestEvent event) {
        AccessRequest request = event.request();
        TaskPolicy taskPolicy = TaskPolicy.valueOf(request.taskPolicy);
        boolean breakGlass = policies.current().rule(request.ruleName).map(Rule::breakGlass).orElse(false);
        boolean watched = breakGlass || WATCHED.contains(taskPolicy);
        String what = mark(taskPolicy.risk()) + (breakGlass ? "Break-glass " : "") + "request #" + request.id + ": "
                + taskPolicy.name() + " on " + account(request);
        Actor actor = event.actor();
        return switch (event.action()) {
            case "request.created" -> watched ? Optional.of(what + ", requested by " + SlackMessages.person(actor) + ".")
                    : Optional.empty();
            case "request.approved" -> watched && !"STARTING".equals(event.details().get("from"))
                    ? Optional.of(what + ", approved.") : Optional.empty();
            case "request.active" -> Optional.of(what + ": session started by " + SlackMessages.person(actor)
                    + (request.sessionExpiresAt == null ? "." : ", ends " + SlackMessages.time(request.sessionExpiresAt) + "."));
            case "request.interrupted" -> Optional.of(what + ": session INTERRUPTED, AssumeRoot's outcome is unknown;"
                    + " check CloudTrail.");
            case "session.sts_refused" -> Optional.of(what + ": STS refused AssumeRoot ("
                    + SlackText.inert(String.valueOf(event.details().get("awsErrorCode")), 64) + ").");
            case "session.sts_unreachable" -> Optional.of(what + ": STS could not be reached.");
            default -> Optional.empty();
        };
    }

    private String account(AccessRequest request) {
        return policies.current().account(request.accountId).map(Account::name)
                .map(name -> SlackText.inert(name, SlackMessages.NAME_MAX) + " (" + request.accountId + ")")
                .orElse(request.accountId);
    }

    private static String mark(Risk risk) {
        return risk == Risk.HIGH || risk == Risk.CRITICAL ? "[" + risk + "] " : "";
    }
}
