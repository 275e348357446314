package dev.rootgate.web.view;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an audit event says, in words, for people: a refusal names its reason and message, a move its from → to, a
 * decision its verdict and comment. Events this class does not know are named by their action.
 */
final class EventWords {

    private EventWords() {
    }

    static String of(String action, JsonNode details) {
        return switch (action) {
            case "request.created" -> "Requested a root session" + quoted(" — justification", details, "justification")
                    + labelled(", ticket ", details, "ticket");
            case "decision.recorded" -> ("DENY".equals(text(details, "verdict")) ? "Denied" : "Approved")
                    + quoted(" — comment", details, "comment") + approvals(details);
            case "refused" -> "Refused " + text(details, "attempt") + ": " + text(details, "reason") + " — "
                    + text(details, "message");
            case "refusals.summarised" -> "Further refusals in this window counted, not written one by one (the first:"
                    + " " + text(details, "firstUnaudited") + ")";
            case "session.sts_refused" -> "AWS STS refused AssumeRoot: " + text(details, "awsErrorCode") + ": "
                    + text(details, "awsErrorMessage");
            case "session.sts_unreachable" -> "AWS STS could not be reached: " + text(details, "error");
            case "audit.verified" -> verified(details);
            case "audit.exported" -> "Exported the audit log as " + text(details, "format")
                    + labelled(" from ", details, "from") + labelled(" to ", details, "to");
            case "detection.acknowledged" -> "Acknowledged " + text(details, "severity") + " finding #"
                    + text(details, "finding") + " (" + text(details, "kind") + ")" + quoted(" — reason", details, "reason");
            default -> action.startsWith("request.") && details.has("from") ? moved(details)
                    : action.startsWith("detection.") && details.has("summary") ? detected(details) : action;
        };
    }

    /** A finding of CloudTrail reconciliation: its summary, its severity and the CloudTrail event it rests on. */
    private static String detected(JsonNode details) {
        String summary = text(details, "summary");
        JsonNode evidence = details.path("evidence");
        String said = summary.isEmpty() ? "Finding" : Character.toUpperCase(summary.charAt(0)) + summary.substring(1);
        return said + " (" + text(details, "severity")
                + labelled(", CloudTrail event ", evidence, "eventId") + labelled(" at ", evidence, "eventTime") + ")";
    }

    private static String moved(JsonNode details) {
        return "Request moved " + text(details, "from") + " → " + text(details, "to")
                + labelled(" (reason: ", details, "reason", ")") + quoted(" — comment", details, "comment");
    }

    private static String verified(JsonNode details) {
        if (details.path("valid").asBoolean(false)) {
            return "Verified the audit chain: intact, " + details.path("events").asLong() + " events, "
                    + details.path("checkpointsChecked").asLong() + " checkpoints matched";
        }
        return "Verified the audit chain: NOT intact (" + text(details, "reason")
                + labelled(" at seq ", details, "firstBrokenSeq")
                + labelled(", checkpoint at seq ", details, "checkpointFailedSeq") + ")";
    }

    private static String approvals(JsonNode details) {
        return details.has("approvals") ? " (" + details.path("approvals").asLong() + " of "
                + details.path("approvalsRequired").asLong() + " approvals)" : "";
    }

    private static String quoted(String label, JsonNode details, String key) {
        String value = text(details, key);
        return value.isEmpty() ? "" : label + " “" + value + "”";
    }

    private static String labelled(String label, JsonNode details, String key) {
        return labelled(label, details, key, "");
    }

    private static String labelled(String label, JsonNode details, String key, String end) {
        String value = text(details, key);
        return value.isEmpty() ? "" : label + value + end;
    }

    private static String text(JsonNode details, String key) {
        JsonNode value = details.path(key);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
