package dev.rootgate.oversight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.web.view.TrendChart;

/** The auditor page's trends, on plain rows: weeks are Monday to Sunday in UTC, the wait is median and slowest. */
class TrendsTest {

    /** A Wednesday. */
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void weeksRunMondayToSundayInUtcOldestFirstAndEmptyWeeksAreThere() {
        Trends trends = Trends.of(List.of(
                session("2026-11-23T00:00:00Z", TaskPolicy.S3UnlockBucketPolicy),          // Monday 00:00: this week
                session("2026-11-22T23:59:59Z", TaskPolicy.S3UnlockBucketPolicy),          // Sunday: the week before
                session("2026-11-24T08:00:00Z", TaskPolicy.IAMCreateRootUserPassword),
                session("2026-11-24T09:00:00Z", TaskPolicy.S3UnlockBucketPolicy)), List.of(), NOW, 3);

        assertEquals(List.of(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-23")),
                trends.weeks().stream().map(Trends.Week::monday).toList());
        assertEquals(Map.of(), trends.weeks().get(0).sessions(), "a week without sessions is still drawn");
        assertEquals(Map.of(TaskPolicy.S3UnlockBucketPolicy, 1L), trends.weeks().get(1).sessions());
        assertEquals(Map.of(TaskPolicy.S3UnlockBucketPolicy, 2L, TaskPolicy.IAMCreateRootUserPassword, 1L),
                trends.weeks().get(2).sessions());
        assertEquals(3, trends.weeks().get(2).total());
    }

    @Test
    void sessionsBeforeTheWindowAreLeftOutAndTheWindowStartsOnAMonday() {
        assertEquals(Instant.parse("2026-11-09T00:00:00Z"), Trends.windowStart(NOW, 3));
        Trends trends = Trends.of(List.of(session("2026-11-08T23:00:00Z", TaskPolicy.S3UnlockBucketPolicy)), List.of(),
                NOW, 3);
        assertTrue(trends.weeks().stream().allMatch(week -> week.total() == 0));
    }

    @Test
    void theWaitIsTheMedianAndTheSlowestWithItsRequest() {
        Trends odd = Trends.of(List.of(), List.of(approval(1, 10), approval(2, 30), approval(3, 20)), NOW, 1);
        assertEquals(new Trends.Waiting(3, Duration.ofMinutes(20), Duration.ofMinutes(30), 2), odd.waiting().orElseThrow());

        Trends even = Trends.of(List.of(), List.of(approval(4, 10), approval(5, 40), approval(6, 20), approval(7, 90)),
                NOW, 1);
        assertEquals(Duration.ofMinutes(30), even.waiting().orElseThrow().median(), "the mean of the two middle waits");
        assertEquals(7, even.waiting().orElseThrow().slowestRequestId());

        assertFalse(Trends.of(List.of(), List.of(), NOW, 1).waiting().isPresent(), "nothing approved: no wait to show");
    }

    @Test
    void theChartHasABarSegmentPerTaskPolicyColouredByRiskAndEveryWeekLabelled() {
        Trends trends = Trends.of(List.of(session("2026-11-24T08:00:00Z", TaskPolicy.IAMCreateRootUserPassword),
                session("2026-11-24T09:00:00Z", TaskPolicy.IAMAuditRootUserCredentials),
                session("2026-11-24T10:00:00Z", TaskPolicy.IAMAuditRootUserCredentials)), List.of(), NOW, 4);
        String svg = TrendChart.sessionsPerWeek(trends.weeks());

        assertEquals(2, count(svg, "<title>week of "), "one segment per task policy used, none for empty weeks");
        assertTrue(svg.contains("fill=\"" + TrendChart.colourOf(TaskPolicy.IAMCreateRootUserPassword.risk()) + "\""));
        assertTrue(svg.contains("<title>week of Nov 23 so far: 2 × IAMAuditRootUserCredentials (LOW)</title>"));
        assertEquals(4, count(svg, "class=\"week\""), "every week labelled");
        assertTrue(svg.contains("class=\"total\">3</text>"), "the week's total above its bar");
        assertTrue(svg.contains("3 in 4 weeks, the last one so far</title>"), "the chart's title says what it shows");
    }

    @Test
    void theRunningWeekIsMarkedAsSoFar() {
        Trends trends = Trends.of(List.of(), List.of(), NOW, 3);
        assertEquals(List.of(false, false, true), trends.weeks().stream().map(Trends.Week::soFar).toList());
        String svg = TrendChart.sessionsPerWeek(trends.weeks());
        assertEquals(1, count(svg, "class=\"so-far\""), "only the running week is drawn dashed");
        assertTrue(svg.contains("class=\"week\">Nov 23</text>"));
        assertEquals(1, count(svg, "class=\"week-note\">so far</text>"), "the running week's date has a note under it");
        assertTrue(svg.contains("class=\"week\">Nov 16</text>"));
    }

    @Test
    void taskPoliciesOfTheSameRiskAreToldApartWithoutReadingTheirTitles() {
        List<String> fills = java.util.Arrays.stream(TaskPolicy.values()).map(TrendChart::fillOf).toList();
        assertEquals(fills.size(), fills.stream().distinct().count(), "every task policy has a fill of its own: " + fills);
        String svg = TrendChart.sessionsPerWeek(Trends.of(List.of(), List.of(), NOW, 1).weeks());
        fills.stream().filter(fill -> fill.startsWith("url(#")).forEach(fill -> assertTrue(
                svg.contains("<pattern id=\"" + fill.substring(5, fill.length() - 1) + "\""), "the chart defines " + fill));
    }

    @Test
    void waitsAreWrittenInWords() {
        assertEquals("40 s", TrendChart.waited(Duration.ofSeconds(40)));
        assertEquals("45 min", TrendChart.waited(Duration.ofMinutes(45)));
        assertEquals("3 h 12 min", TrendChart.waited(Duration.ofMinutes(192)));
        assertEquals("3 d 4 h", TrendChart.waited(Duration.ofHours(76)));
    }

    private static Trends.Session session(String at, TaskPolicy taskPolicy) {
        return new Trends.Session(Instant.parse(at), taskPolicy);
    }

    private static Trends.Approval approval(long id, long minutes) {
        Instant created = Instant.parse("2026-11-24T08:00:00Z");
        return new Trends.Approval(id, created, created.plus(Duration.ofMinutes(minutes)));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
