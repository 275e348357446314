package dev.rootgate.dev;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CloudTrail simulator's page: buttons that write into the trail what an attacker would leave there, and the
 * trail as the poller will read it. rootgate's findings follow within a poll (and reach the alerts channel).
 */
final class CloudTrailDevPage {

    private static final List<String[]> BUTTONS = List.of(
            new String[] {"shadow", "A shadow AssumeRoot: another principal opens a root session (CRITICAL)"},
            new String[] {"failed", "A failed AssumeRoot rootgate did not attempt (HIGH)"},
            new String[] {"StopLogging", "StopLogging on the organization trail (CRITICAL)"},
            new String[] {"PutRolePolicy", "PutRolePolicy granting sts:AssumeRoot in the management account (CRITICAL)"},
            new String[] {"UpdateAssumeRolePolicy", "UpdateAssumeRolePolicy trusting a foreign account (CRITICAL)"});

    private CloudTrailDevPage() {
    }

    static String render(String injected, List<JsonNode> trail) {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <title>CloudTrail simulator · rootgate dev</title><style>
                body { font-family: system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
                .banner { background: #fff3cd; border: 1px solid #e0c060; padding: .6rem .9rem; border-radius: 4px; }
                form { margin: .4rem 0; } td { padding: .2rem .5rem; border-bottom: 1px solid #eee; font-size: .9rem; }
                </style></head><body>
                <p class="banner"><strong>DEV MODE — CloudTrail simulator</strong>: the trail rootgate's poller reads.
                Your sessions appear here on their own; these buttons add what rootgate must alert on.</p>
                """);
        if (injected != null && !injected.isBlank()) {
            page.append("<p>Written: event <code>").append(escape(injected))
                    .append("</code>. rootgate's next poll raises the finding (the audit log, the alerts channel).</p>");
        }
        for (String[] button : BUTTONS) {
            page.append("<form method=\"post\" action=\"/inject\"><input type=\"hidden\" name=\"from\" value=\"page\">")
                    .append("<input type=\"hidden\" name=\"kind\" value=\"").append(button[0]).append("\">")
                    .append("<button type=\"submit\">").append(escape(button[1])).append("</button></form>");
        }
        page.append("<h2>The trail, newest first</h2><table>");
        for (JsonNode record : trail) {
            page.append("<tr><td>").append(escape(record.path("eventTime").asText())).append("</td><td>")
                    .append(escape(record.path("awsRegion").asText())).append("</td><td>")
                    .append(escape(record.path("eventName").asText()))
                    .append(record.hasNonNull("errorCode") ? " (" + escape(record.get("errorCode").asText()) + ")" : "")
                    .append("</td><td>").append(escape(record.path("userIdentity").path("arn").asText()))
                    .append("</td><td>").append(escape(record.path("eventID").asText())).append("</td></tr>");
        }
        return page.append("</table></body></html>").toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
