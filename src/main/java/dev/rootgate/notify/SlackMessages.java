package dev.rootgate.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.identity.Actor;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.RequestStatus;

/**
 * The Slack messages of a request's thread, in Block Kit with a plain-text fallback. Everything a person typed or an
 * IdP named is passed through {@link SlackText#inert} and shown only in {@code plain_text} objects; the one link is
 * rootgate's own page of the request. There is no deciding button: approving needs a fresh MFA login in rootgate.
 * No credential is ever part of a message, not even the access key ID.
 */
final class SlackMessages {

    static final int NAME_MAX = 80;
    static final int TEXT_MAX = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the parent message shows, read from the request at the moment of the event. */
    record Facts(long id, String requesterName, String requesterUsername, String accountId, String accountName,
                 TaskPolicy taskPolicy, String justification, String ticket, String approvalsNeeded,
                 Instant decideBy, RequestStatus status, int approvals, int approvalsRequired, String link) {
    }

    private SlackMessages() {
    }

    static ObjectNode parent(Facts facts) {
        String title = "Root access request #" + facts.id();
        String status = "Status: " + facts.status() + " · approvals " + facts.approvals() + " of "
                + facts.approvalsRequired();
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "header").set("text", plain(title));
        blocks.addObject().put("type", "section").set("text", plain(status));
        ObjectNode fields = blocks.addObject().put("type", "section");
        ArrayNode list = fields.putArray("fields");
        list.add(plain("Requester: " + person(facts.requesterName(), facts.requesterUsername())));
        list.add(plain("Account: " + SlackText.inert(facts.accountName(), NAME_MAX) + " (" + facts.accountId() + ")"));
        list.add(plain("Task policy: " + facts.taskPolicy().name() + " · " + facts.taskPolicy().risk() + " risk"));
        list.add(plain("Ticket: " + (facts.ticket() == null ? "none" : SlackText.inert(facts.ticket(), 64))));
        list.add(plain("Approvals needed: " + SlackText.inert(facts.approvalsNeeded(), TEXT_MAX)));
        list.add(plain("Decide by: " + TIME.format(facts.decideBy())));
        blocks.addObject().put("type", "section").set("text", plain("Allows: " + facts.taskPolicy().summary() + " ("
                + String.join(", ", facts.taskPolicy().allowedActions()) + ")"));
        blocks.addObject().put("type", "section").set("text",
                plain("Justification: " + SlackText.inert(facts.justification(), TEXT_MAX)));
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
        button.put("type", "button").put("url", facts.link()).put("action_id", "open-request");
        button.set("text", plain("Open in rootgate"));
        blocks.addObject().put("type", "context").putArray("elements")
                .add(plain("Decide in rootgate: a decision needs a fresh MFA login there."));
        return message(title + " by " + person(facts.requesterName(), facts.requesterUsername()) + ": "
                + facts.taskPolicy().name() + " on " + SlackText.inert(facts.accountName(), NAME_MAX) + " ("
                + facts.accountId() + "). " + status + ". " + facts.link(), blocks);
    }

    /** The thread reply an event deserves, if any: a start that is only claimed, or handed back, says nothing. */
    static Optional<ObjectNode> reply(String action, Actor actor, Map<String, Object> details, Facts facts) {
        String by = person(actor.name(), actor.username());
        Optional<String> text = switch (action) {
            case "decision.recorded" -> Optional.of(decision(by, details));
            case "request.approved" -> "STARTING".equals(details.get("from")) ? Optional.empty()
                    : Optional.of("Approved. The requester can start the session until " + time(details.get("activateBy"))
                    + ".");
            case "request.denied" -> Optional.of("Denied.");
            case "request.cancelled" -> Optional.of("Cancelled by " + by + ".");
            case "request.expired" -> Optional.of("PENDING".equals(details.get("from"))
                    ? "Expired: not enough approvals before the deadline."
                    : "Expired: the session was not started in time.");
            case "request.pending" -> Optional.of("Waiting for approvals again: the approvals given no longer meet the"
                    + " rule (an approver left the approving groups).");
            case "request.active" -> Optional.of("Session started by " + by + "; it ends at "
                    + time(details.get("expiration")) + ".");
            case "request.ended" -> Optional.of("Session ended.");
            case "request.interrupted" -> Optional.of("Session INTERRUPTED: the outcome of AssumeRoot is unknown, so a"
                    + " root session may exist. Check CloudTrail for AssumeRoot on account " + facts.accountId() + ".");
            case "session.sts_refused", "session.sts_unreachable" -> Optional.of("Starting failed (STS "
                    + ("session.sts_refused".equals(action) ? "refused" : "unreachable")
                    + "); the request is still approved.");
            default -> Optional.empty();
        };
        return text.map(t -> {
            ArrayNode blocks = JSON.createArrayNode();
            blocks.addObject().put("type", "section").set("text", plain(t));
            return message(t, blocks);
        });
    }

    /**
     * A reminder in the thread of a request that still waits for approvals, mentioning the Slack user groups of its
     * approver groups. The mentions sit in a block of their own, the only formatted one: they hold nothing but IDs
     * checked by {@link SlackSettings#userGroups()}, while the rest stays plain text.
     */
    static ObjectNode reminder(Facts facts, boolean lastCall, List<String> userGroupIds) {
        String text = (lastCall ? "Last reminder: this request expires at " : "Reminder: still waiting for approvals (")
                + (lastCall ? time(facts.decideBy()) + " unless it gets its approvals (" : "")
                + facts.approvals() + " of " + facts.approvalsRequired() + "; "
                + SlackText.inert(facts.approvalsNeeded(), TEXT_MAX) + ")"
                + (lastCall ? "." : ". Decide by " + time(facts.decideBy()) + " in rootgate.");
        String mentions = userGroupIds.stream().map(id -> "<!subteam^" + id + ">").collect(Collectors.joining(" "));
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "section").set("text", plain(text));
        if (!mentions.isEmpty()) {
            blocks.addObject().put("type", "section").set("text",
                    JSON.createObjectNode().put("type", "mrkdwn").put("text", mentions));
        }
        return message(mentions.isEmpty() ? text : mentions + " " + text, blocks);
    }

    /** What the requester is told when the request is decided: approved with where to start it, or denied and why. */
    static Optional<ObjectNode> toRequester(String action, Map<String, Object> details, Facts facts) {
        String what = "Your request #" + facts.id() + " (" + facts.taskPolicy().name() + " on "
                + SlackText.inert(facts.accountName(), NAME_MAX) + ")";
        Optional<String> text = switch (action) {
            case "request.approved" -> "STARTING".equals(details.get("from")) ? Optional.empty()
                    : Optional.of(what + " is approved. Start it in rootgate before " + time(details.get("activateBy"))
                    + ": " + facts.link());
            case "request.denied" -> Optional.of(what + " was denied: "
                    + SlackText.inert(String.valueOf(details.getOrDefault("comment", "")), TEXT_MAX));
            default -> Optional.empty();
        };
        return text.map(t -> {
            ArrayNode blocks = JSON.createArrayNode();
            blocks.addObject().put("type", "section").set("text", plain(t));
            return message(t, blocks);
        });
    }

    /** A security alert: one line the alerts channel can scan, and the request's link. */
    static ObjectNode alert(String text) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "section").set("text", plain(text));
        return message(text, blocks);
    }

    static ObjectNode alert(String text, String link) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "section").set("text", plain(text));
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
        button.put("type", "button").put("url", link).put("action_id", "open-request");
        button.set("text", plain("Open in rootgate"));
        return message(text + " " + link, blocks);
    }

    /**
     * An alert with its facts as a section's fields (each field within Slack's 2000 characters, at most 10), so a
     * long, escaped value in one of them cannot push the message past a block's limit; and one link.
     */
    static ObjectNode alert(String text, List<String> facts, String link) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "section").set("text", plain(text));
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        facts.stream().limit(10).forEach(fact -> fields.add(plain(fact)));
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
        button.put("type", "button").put("url", link).put("action_id", "open-finding");
        button.set("text", plain("Open in rootgate"));
        // The link before the facts: a notification preview cut short by a long value still carries it.
        return message(text + " " + link + " — " + String.join(" · ", facts) + ".", blocks);
    }

    static String person(Actor actor) {
        return person(actor.name(), actor.username());
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static String decision(String by, Map<String, Object> details) {
        boolean approve = "APPROVE".equals(details.get("verdict"));
        String comment = String.valueOf(details.getOrDefault("comment", ""));
        return by + (approve ? " approved" : " denied") + " (" + details.get("approvals") + " of "
                + details.get("approvalsRequired") + " approvals)"
                + (comment.isBlank() ? "." : ": " + SlackText.inert(comment, TEXT_MAX));
    }

    private static String person(String name, String username) {
        return SlackText.inert(name, NAME_MAX) + (username == null ? "" : " (" + SlackText.inert(username, NAME_MAX) + ")");
    }

    private static String time(Object instant) {
        return instant == null ? "?" : TIME.format(Instant.parse(instant.toString()));
    }

    private static ObjectNode plain(String text) {
        return JSON.createObjectNode().put("type", "plain_text").put("text", text).put("emoji", false);
    }

    /** {@code mrkdwn: false} keeps the fallback text (notifications, old clients) free of formatting too. */
    private static ObjectNode message(String text, ArrayNode blocks) {
        ObjectNode message = JSON.createObjectNode();
        message.put("text", text).put("mrkdwn", false).put("unfurl_links", false).set("blocks", blocks);
        return message;
    }
}
