package dev.rootgate.web.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How pages print times: UTC, to the second, always labelled. */
@TemplateExtension
public class Formats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static String utc(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    static long epochMillis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
