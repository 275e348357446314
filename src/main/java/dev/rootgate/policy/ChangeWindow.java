package dev.rootgate.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Weekly hours in one time zone, e.g. "Mon-Fri 08:00-18:00 Europe/Berlin", "Sat 10:00-12:00 UTC" or
 * "Mon,Wed 09:00-17:00 UTC". Start is inclusive, end exclusive; "24:00" ends a window at midnight.
 * Times are wall-clock times in the zone, so a window keeps its local hours across daylight-saving changes.
 */
public record ChangeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    private static final String EXAMPLE = "'Mon-Fri 08:00-18:00 Europe/Berlin'";
    private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final String END_OF_DAY = "24:00";

    public ChangeWindow {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a change window needs at least one day");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException(notAfterStart(start, end));
        }
    }

    public static ChangeWindow parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("change window '" + text + "' must read days, hours and time zone, like "
                    + EXAMPLE);
        }
        Matcher hours = HOURS.matcher(parts[1]);
        if (!hours.matches()) {
            throw new IllegalArgumentException("change window '" + text + "' has bad hours '" + parts[1]
                    + "'; write HH:MM-HH:MM, like " + EXAMPLE);
        }
        LocalTime start = parseTime(hours.group(1), text);
        LocalTime end = parseEnd(hours.group(2), text);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("change window '" + text + "': " + notAfterStart(start, end));
        }
        return new ChangeWindow(parseDays(parts[0], text), start, end, parseZone(parts[2], text));
    }

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean beforeEnd = time.isBefore(end) || end.equals(LocalTime.MAX);
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && beforeEnd;
    }

    @Override
    public String toString() {
        return dayRuns() + " " + start + "-" + formatEnd(end) + " " + zone.getId();
    }

    /** "Mon-Fri" rather than "Mon,Tue,Wed,Thu,Fri". */
    private String dayRuns() {
        List<String> runs = new ArrayList<>();
        DayOfWeek[] week = DayOfWeek.values();
        for (int first = 0; first < week.length; first++) {
            if (!days.contains(week[first])) {
                continue;
            }
            int last = first;
            while (last + 1 < week.length && days.contains(week[last + 1])) {
                last++;
            }
            runs.add(first == last ? dayName(week[first]) : dayName(week[first]) + "-" + dayName(week[last]));
            first = last;
        }
        return String.join(",", runs);
    }

    private static Set<DayOfWeek> parseDays(String text, String window) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.split(",", -1)) {
            String[] range = item.split("-", -1);
            if (range.length > 2) {
                throw badDays(item, window);
            }
            DayOfWeek first = parseDay(range[0], window);
            DayOfWeek last = range.length == 2 ? parseDay(range[1], window) : first;
            // A range may wrap past Sunday ("Fri-Mon"): the week is a cycle.
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek parseDay(String name, String window) {
        return Arrays.stream(DayOfWeek.values())
                .filter(day -> dayName(day).equals(name))
                .findFirst()
                .orElseThrow(() -> badDays(name, window));
    }

    private static IllegalArgumentException badDays(String days, String window) {
        String validNames = Arrays.stream(DayOfWeek.values()).map(ChangeWindow::dayName).collect(Collectors.joining(", "));
        return new IllegalArgumentException("change window '" + window + "' has bad day '" + days
                + "'; use " + validNames + ", a range like Mon-Fri or a list like Mon,Wed");
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static LocalTime parseEnd(String time, String window) {
        return END_OF_DAY.equals(time) ? LocalTime.MAX : parseTime(time, window);
    }

    private static LocalTime parseTime(String time, String window) {
        try {
            return LocalTime.parse(time);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("change window '" + window + "' has bad time '" + time
                    + "'; use 00:00 to 23:59 (24:00 only as an end)");
        }
    }

    private static ZoneId parseZone(String zone, String window) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("change window '" + window + "' has unknown time zone '" + zone
                    + "'; use an IANA name such as Europe/Berlin, or UTC");
        }
    }

    private static String notAfterStart(LocalTime start, LocalTime end) {
        return "end " + formatEnd(end) + " must be after start " + start + "; overnight windows are not supported,"
                + " split one into two (e.g. 'Mon 22:00-24:00 UTC' and 'Tue 00:00-06:00 UTC')";
    }

    private static String formatEnd(LocalTime end) {
        return end.equals(LocalTime.MAX) ? END_OF_DAY : end.toString();
    }
}
