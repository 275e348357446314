package dev.rootgate.web.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * How pages print times: UTC, to the second, always labelled, in a {@code <time>} element whose machine-readable
 * {@code datetime} static/times.js turns into the viewer's own zone (the UTC text stays in the title, and is what
 * a browser without JavaScript shows).
 */
@TemplateExtension
public class Formats {

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

    static long epochMillis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
