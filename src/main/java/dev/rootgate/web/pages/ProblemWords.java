package dev.rootgate.web.pages;

import java.util.Map;

import dev.rootgate.problem.Problem;
import io.quarkus.qute.TemplateExtension;

/**
 * What an error banner leads with: a sentence that says what happened and what to do. The machine code stays
 * beside it, small, for support and for the API's users; the message adds the particulars.
 */
@TemplateExtension
public class ProblemWords {

    private static final Map<String, String> HEADLINES = Map.ofEntries(
            Map.entry("invalid_input", "Some of what you entered cannot be accepted; correct it and send again."),
            Map.entry("not_found", "This request does not exist, or you are not allowed to see it."),
            Map.entry("no_matching_rule", "No rule lets you request this task policy on this account. Choose another"
                    + " account or task policy, or ask a rootgate admin which rule covers it."),
            Map.entry("open_request_exists", "You already have an open request for this account and task policy."
                    + " A request stays open until it is decided, cancelled or expires, or its session ends."),
            Map.entry("outside_change_window", "The rule allows this only during its change windows. Try again"
                    + " within one."),
            Map.entry("source_not_allowed", "You are connecting from a network this rule does not allow. Connect"
                    + " from an allowed network (for example the VPN) and try again."),
            Map.entry("source_unknown", "rootgate cannot tell which network you are connecting from, so it refuses."),
            Map.entry("self_approval", "You cannot decide on your own request."),
            Map.entry("not_an_approver", "You are not in a group that approves this request."),
            Map.entry("already_decided", "You have already decided on this request; a decision cannot be changed."),
            Map.entry("not_pending", "This request is no longer waiting for decisions."),
            Map.entry("request_expired", "This request waited past its deadline for decisions. The requester can"
                    + " file a new one."),
            Map.entry("not_requester", "Only the requester can do that."),
            Map.entry("not_cancellable", "This request can no longer be cancelled."),
            Map.entry("not_approved", "This request is not approved, so its session cannot be started."),
            Map.entry("already_started", "This session was already started. Its credentials were shown once and"
                    + " rootgate does not keep them."),
            Map.entry("activation_window_passed", "The approval expired before the session was started. File a new"
                    + " request."),
            Map.entry("rule_withdrawn", "The policy changed: the rule this request was made under is gone, so it"
                    + " allows nothing more."),
            Map.entry("rule_no_longer_covers", "The policy changed: the rule no longer covers this account or task"
                    + " policy."),
            Map.entry("requester_no_longer_eligible", "The requester is no longer in a group that may request this."),
            Map.entry("approver_no_longer_eligible", "An approval no longer counts: its approver has left the groups"
                    + " that approve. The request waits for approvals again."),
            Map.entry("sts_refused", "AWS refused to open the session. The request is still approved: try again, or"
                    + " ask an admin to check the broker's permissions."),
            Map.entry("sts_unreachable", "AWS could not be reached. The request is still approved: try again in a"
                    + " moment."),
            Map.entry("sts_outcome_unknown", "AWS did not answer in time, so a session may exist. This request cannot"
                    + " be started again: check CloudTrail, then file a new request."),
            Map.entry("audit_unavailable", "The session could not be recorded, so its credentials are withheld."),
            Map.entry("rate_limited", "Too many attempts in a short time. Wait a minute, then try again."),
            Map.entry(Problem.BUSY, "rootgate is busy right now. Try again in a few seconds."),
            Map.entry("not_auditor", "Only auditors and admins can see this."),
            Map.entry("already_acknowledged", "Someone acknowledged this finding already; their reason is shown."),
            Map.entry("too_large", "What you sent is too large, so nothing was changed. Shorten it and send it again."),
            Map.entry("not_an_alert", "This finding is evidence, not an alert: there is nothing to acknowledge."));

    static String headline(Problem problem) {
        return HEADLINES.getOrDefault(problem.code(), "That did not work.");
    }

    /** The request an {@code open_request_exists} refusal points to, when it is known. */
    static Object openRequestId(Problem problem) {
        return problem.extra().get("openRequestId");
    }
}
