package dev.rootgate.web.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * How pages print times: UTC, to the second, always labelled, in a {@code <time>} element whose machine-readable
 * {@code datetime} static/times.js turns into the viewer's own zone (the UTC text stays in the title, and is what
 * a browser without JavaScript shows).
 */
@TemplateExtension
public class Formats {

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Digits and a fixed text only: nothing in it needs escaping. */
    static RawString time(Instant instant) {
        if (instant == null) {
            return new RawString("—");
        }
        String utc = UTC.format(instant);
        return new RawString("<time datetime=\"" + instant.truncatedTo(ChronoUnit.SECONDS) + "\" title=\"" + utc
                + "\">" + utc + "</time>");
    }

    /** A time stored as text (an audit event's or a CloudTrail record's): as {@link #time}, or as it is when not one. */
    static Object timeText(String text) {
        if (text == null) {
            return "";
        }
        try {
            return time(Instant.parse(text));
        } catch (DateTimeParseException notAnInstant) {
            return text;
        }
    }

    /**
     * How a value printed in code may wrap: an ARN anywhere (it is long and has few break points), an AWS account
     * id never (twelve digits broken in two read as two numbers); anything else only where it must.
     */
    static String wrapping(String value) {
        if (value == null) {
            return "";
        }
        if (ACCOUNT_ID.matcher(value).matches()) {
            return "account-id";
        }
        return value.startsWith("arn:") ? "arn" : "";
    }

    /**
     * Text that names instants as they were recorded (an audit event's summary, a finding's evidence): escaped as
     * Qute would, with every ISO-8601 UTC instant in it printed as {@link #time}, so that it is localised like the
     * page's other times.
     */
    static RawString timesIn(String text) {
        if (text == null) {
            return new RawString("");
        }
        StringBuilder html = new StringBuilder();
        Matcher instant = INSTANT.matcher(text);
        int from = 0;
        while (instant.find()) {
            html.append(escaped(text.substring(from, instant.start())));
            try {
                html.append(time(Instant.parse(instant.group())));
            } catch (DateTimeParseException notAnInstant) {
                html.append(escaped(instant.group()));
            }
            from = instant.end();
        }
        return new RawString(html.append(escaped(text.substring(from))).toString());
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static long epochMillis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
