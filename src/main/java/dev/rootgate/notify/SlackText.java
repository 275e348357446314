package dev.rootgate.notify;

import java.util.regex.Pattern;

/**
 * Makes user-typed text inert in Slack. Slack reads {@code <...>} as mentions ({@code <!channel>},
 * {@code <!subteam^…>}, {@code <@U…>}) and links with any label ({@code <http://evil|Approve>}), and {@code &} starts
 * its escapes, so those three characters are escaped; {@code @here}, {@code @channel} and {@code @everyone} get a
 * word joiner after the {@code @} so that they never become mentions, even where Slack links bare names. Markdown is
 * left as typed because it is only ever shown in {@code plain_text} objects and in fallback text sent with
 * {@code mrkdwn: false}. Text is cut to a length that stays within Slack's limits once escaped.
 */
public final class SlackText {

    private static final Pattern BROADCAST = Pattern.compile("@(?=(here|channel|everyone)\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final String WORD_JOINER = "\u2060";

    private SlackText() {
    }

    public static String inert(String typed, int maxCodePoints) {
        if (typed == null) {
            return "";
        }
        String text = typed;
        if (text.codePointCount(0, text.length()) > maxCodePoints) {
            text = text.substring(0, text.offsetByCodePoints(0, maxCodePoints)) + "…";
        }
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return BROADCAST.matcher(text).replaceAll("@" + WORD_JOINER);
    }
}
