package dev.rootgate.notify;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.policy.Account;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.Rule;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.Decision;
import dev.rootgate.request.RequestEvent;
import dev.rootgate.request.StagesColumn;
import dev.rootgate.request.Verdict;

/**
 * Turns request events into the outbox rows of the request's Slack thread, in the event's transaction: a new request
 * is the thread's first message, in the rule's {@code slackChannel} or the approvals channel; every later event is a
 * reply, followed by an update of that first message to the current status and approval count. Without Slack
 * configured nothing is written: switching Slack on later does not send a backlog of stale requests. The requester
 * is told of the decision by direct message, found by the IdP's email, else in the thread.
 */
@ApplicationScoped
public class SlackNotifications {

    @Inject
    SlackSettings slack;
    @Inject
    Outbox outbox;
    @Inject
    PolicyService policies;

    void on(@Observes RequestEvent event) {
        if (!slack.enabled()) {
            return;
        }
        AccessRequest request = event.request();
        String thread = "request:" + request.id;
        SlackMessages.Facts facts = facts(request);
        if ("request.created".equals(event.action())) {
            ObjectNode parent = SlackMessages.parent(facts);
            parent.put("channel", channelOf(request));
            outbox.write(SlackSink.NAME, SlackSink.PARENT, thread, parent.toString());
            return;
        }
        Optional<ObjectNode> reply = SlackMessages.reply(event.action(), event.actor(), event.details(), facts);
        reply.ifPresent(message -> outbox.write(SlackSink.NAME, SlackSink.REPLY, thread, message.toString()));
        if (reply.isPresent() || (event.action().startsWith("request.") && !"request.starting".equals(event.action()))) {
            outbox.write(SlackSink.NAME, SlackSink.UPDATE, thread, SlackMessages.parent(facts).toString());
        }
        SlackMessages.toRequester(event.action(), event.details(), facts).ifPresent(message -> {
            if (request.requesterEmail == null) {
                outbox.write(SlackSink.NAME, SlackSink.REPLY, thread, message.toString());
            } else {
                outbox.write(SlackSink.NAME, SlackSink.DIRECT, thread, message.put("email", request.requesterEmail).toString());
            }
        });
    }

    private String channelOf(AccessRequest request) {
        return policies.current().rule(request.ruleName).flatMap(Rule::slackChannel)
                .orElseGet(slack::approvalsChannel);
    }

    SlackMessages.Facts facts(AccessRequest request) {
        String accountName = policies.current().account(request.accountId).map(Account::name).orElse("unknown account");
        int approvals = (int) Decision.forRequest(request.id).stream().filter(d -> d.verdict == Verdict.APPROVE).count();
        String needed = request.approvalStages == null ? request.approvalsRequired + " approvals"
                : StagesColumn.describe(request.approvalStages);
        return new SlackMessages.Facts(request.id, request.requesterName, request.requesterUsername, request.accountId,
                accountName, TaskPolicy.valueOf(request.taskPolicy), request.justification, request.ticket, needed,
                request.pendingUntil, request.status, approvals, request.approvalsRequired,
                slack.requestLink(request.id));
    }
}
