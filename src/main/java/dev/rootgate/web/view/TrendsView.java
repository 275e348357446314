package dev.rootgate.web.view;

import java.util.Arrays;
import java.util.List;

import dev.rootgate.oversight.Trends;
import dev.rootgate.policy.TaskPolicy;

/**
 * The auditor page's trends: the chart, its legend, the same numbers as a table, and the wait for approvals (null when
 * nothing was approved in the window).
 */
public record TrendsView(int weeks, String svg, List<LegendEntry> legend, List<WeekRow> rows, Wait waiting) {

    public record LegendEntry(String taskPolicy, String risk, String fill) {
    }

    public record WeekRow(String week, List<Long> perTaskPolicy, long total) {
    }

    public record Wait(int approvals, String median, String slowest, long slowestRequestId) {
    }

    public static TrendsView of(Trends trends) {
        List<TaskPolicy> policies = Arrays.asList(TaskPolicy.values());
        List<LegendEntry> legend = policies.stream()
                .map(p -> new LegendEntry(p.name(), p.risk().name(), TrendChart.fillOf(p))).toList();
        List<WeekRow> rows = trends.weeks().stream().map(week -> new WeekRow(week.monday() + (week.soFar() ? " (so far)" : ""),
                policies.stream().map(p -> week.sessions().getOrDefault(p, 0L)).toList(), week.total())).toList();
        Wait waiting = trends.waiting().map(w -> new Wait(w.approvals(), TrendChart.waited(w.median()),
                TrendChart.waited(w.slowest()), w.slowestRequestId())).orElse(null);
        return new TrendsView(trends.weeks().size(), TrendChart.sessionsPerWeek(trends.weeks()), legend, rows, waiting);
    }
}
