package dev.rootgate.dev;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/** The Slack simulator's page: each channel with its messages and their threads, as a newcomer would see them. */
final class SlackDevPage {

    private SlackDevPage() {
    }

    static String render(List<Map<String, Object>> messages) {
        Map<String, StringBuilder> channels = new LinkedHashMap<>();
        for (Map<String, Object> message : messages) {
            if (message.get("threadTs") != null) {
                continue;
            }
            StringBuilder channel = channels.computeIfAbsent((String) message.get("channel"), k -> new StringBuilder());
            channel.append("<article>").append(body(message));
            for (Map<String, Object> reply : messages) {
                if (Objects.equals(reply.get("threadTs"), message.get("ts"))
                        && Objects.equals(reply.get("channelId"), message.get("channelId"))) {
                    channel.append("<div class=\"reply\">").append(body(reply)).append("</div>");
                }
            }
            channel.append("</article>");
        }
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
                <title>Slack simulator · rootgate dev</title><style>
                body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
                .banner { background: #fff3cd; border: 1px solid #e0c060; padding: .6rem .9rem; border-radius: 4px; }
                article { border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; margin: .8rem 0; }
                .reply { border-left: 3px solid #4a154b; margin: .5rem 0 0 1rem; padding-left: .6rem; }
                .meta { color: #777; font-size: .8rem; } p { margin: .2rem 0; white-space: pre-wrap; }
                </style></head><body>
                <p class="banner"><strong>DEV MODE — Slack simulator</strong>: what rootgate posted. Refreshes itself.</p>
                """);
        if (channels.isEmpty()) {
            page.append("<p>No messages yet. Submit a request in rootgate and it appears here.</p>");
        }
        channels.forEach((name, html) -> page.append("<h2>").append(escape(name)).append("</h2>").append(html));
        return page.append("</body></html>").toString();
    }

    private static String body(Map<String, Object> message) {
        StringBuilder html = new StringBuilder("<p class=\"meta\">ts ").append(escape(message.get("ts")));
        if (((Number) message.get("updates")).intValue() > 0) {
            html.append(" · edited ").append(message.get("updates")).append("×");
        }
        html.append("</p>");
        JsonNode blocks = (JsonNode) message.get("blocks");
        if (blocks == null || blocks.isNull()) {
            return html.append("<p>").append(escape(shown(String.valueOf(message.get("text"))))).append("</p>").toString();
        }
        for (JsonNode block : blocks) {
            block.findValues("text").forEach(text -> html.append("<p>")
                    .append(escape(shown(text.isTextual() ? text.asText() : text.path("text").asText()))).append("</p>"));
            block.findValues("url").forEach(url -> html.append("<p><a href=\"").append(escape(url.asText()))
                    .append("\">").append(escape(url.asText())).append("</a></p>"));
        }
        return html.toString();
    }

    /** Slack shows its three escapes as the characters they stand for; so does this page. */
    private static String shown(String slackText) {
        return slackText.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String escape(Object value) {
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
