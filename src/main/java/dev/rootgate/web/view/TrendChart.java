package dev.rootgate.web.view;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rootgate.oversight.Trends;
import dev.rootgate.policy.Risk;
import dev.rootgate.policy.TaskPolicy;

/**
 * Root sessions per week as a server-rendered SVG: one stacked bar a week, a segment per task policy coloured by its
 * risk (a task policy sharing its risk with an earlier one is hatched, so no two look alike), the week's total above
 * the bar, the running week drawn dashed with "so far" under its date. The page shows the same numbers as a table
 * beside it, so the chart is read without colour too. Only numbers, dates and enum names go into the SVG: nothing to
 * escape.
 */
public final class TrendChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 212;
    private static final int TOP = 18;
    private static final int BOTTOM = 34;
    private static final int LEFT = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private TrendChart() {
    }

    public static String colourOf(Risk risk) {
        return switch (risk) {
            case LOW -> "#2e7d32";
            case MEDIUM -> "#b06d00";
            case HIGH -> "#c2410c";
            case CRITICAL -> "#8e1b16";
        };
    }

    /**
     * How a task policy's segments and legend swatch are filled: its risk's colour, hatched when an earlier task
     * policy has the same risk (the hatch is defined in the chart, which the page always shows with the legend).
     */
    public static String fillOf(TaskPolicy taskPolicy) {
        return hatched(taskPolicy) ? "url(#hatch-" + taskPolicy.name() + ")" : colourOf(taskPolicy.risk());
    }

    private static boolean hatched(TaskPolicy taskPolicy) {
        return Arrays.stream(TaskPolicy.values()).limit(taskPolicy.ordinal()).anyMatch(p -> p.risk() == taskPolicy.risk());
    }

    private static String hatches() {
        StringBuilder defs = new StringBuilder("<defs>");
        for (TaskPolicy taskPolicy : TaskPolicy.values()) {
            if (hatched(taskPolicy)) {
                defs.append("<pattern id=\"hatch-").append(taskPolicy.name()).append("\" patternUnits=\"userSpaceOnUse\"")
                        .append(" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\"")
                        .append(" fill=\"").append(colourOf(taskPolicy.risk())).append("\"/>")
                        .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff\" stroke-width=\"3\"/></pattern>");
            }
        }
        return defs.append("</defs>").toString();
    }

    public static String sessionsPerWeek(List<Trends.Week> weeks) {
        long max = Math.max(1, weeks.stream().mapToLong(Trends.Week::total).max().orElse(0));
        double slot = (double) (WIDTH - LEFT) / weeks.size();
        double barWidth = slot * 0.6;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"sessions-chart-title\" class=\"chart\" id=\"sessions-chart\">")
                .append("<title id=\"sessions-chart-title\">Root sessions per week by task policy, ")
                .append(weeks.stream().mapToLong(Trends.Week::total).sum()).append(" in ").append(weeks.size())
                .append(" weeks, the last one so far</title>").append(hatches());
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH, HEIGHT - BOTTOM));
        for (int i = 0; i < weeks.size(); i++) {
            Trends.Week week = weeks.get(i);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double y = HEIGHT - BOTTOM;
            for (Map.Entry<TaskPolicy, Long> segment : week.sessions().entrySet()) {
                double height = plotHeight * segment.getValue() / max;
                y -= height;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#fff\">"
                                + "<title>week of %s%s: %d × %s (%s)</title></rect>",
                        x, y, barWidth, height, fillOf(segment.getKey()), DAY.format(week.monday()),
                        week.soFar() ? " so far" : "", segment.getValue(), segment.getKey().name(), segment.getKey().risk()));
            }
            double centre = x + barWidth / 2;
            if (week.soFar()) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                        + " fill=\"none\" stroke=\"#5b6478\" stroke-dasharray=\"3 3\" class=\"so-far\"/>",
                        x, (double) TOP, barWidth, plotHeight));
            }
            if (week.total() > 0) {
                svg.append(text(centre, y - 4, Long.toString(week.total()), "total"));
            }
            svg.append(text(centre, HEIGHT - 18, DAY.format(week.monday()), "week"));
            if (week.soFar()) {
                // on a line of its own: beside the date it would run into the next label, or past the chart's edge
                svg.append(text(centre, HEIGHT - 5, "so far", "week-note"));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** A wait in words: "3 h 12 min", "45 min", "40 s". */
    public static String waited(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes == 0) {
            return duration.toSeconds() + " s";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = duration.toHours();
        return hours < 48 ? hours + " h " + duration.toMinutesPart() + " min" : duration.toDays() + " d " + duration.toHoursPart() + " h";
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#5b6478\"/>",
                x1, y1, x2, y2);
    }

    private static String text(double x, double y, String value, String kind) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"%s\">%s</text>",
                x, y, kind, value);
    }
}
