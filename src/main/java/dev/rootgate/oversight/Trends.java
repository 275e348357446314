package dev.rootgate.oversight;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rootgate.policy.TaskPolicy;

/**
 * What the auditor's page draws: root sessions per week (Monday to Sunday, UTC) by task policy, and how long requests
 * waited for their approval. A plain function of the rows; the query lives in {@link TrendQueries}.
 */
public record Trends(List<Week> weeks, Optional<Waiting> waiting) {

    public record Session(Instant startedAt, TaskPolicy taskPolicy) {
    }

    public record Approval(long requestId, Instant createdAt, Instant approvedAt) {
        Duration waited() {
            return Duration.between(createdAt, approvedAt);
        }
    }

    /** A week's sessions; the last week of a window is the one still running ({@code soFar}). */
    public record Week(LocalDate monday, Map<TaskPolicy, Long> sessions, boolean soFar) {
        public long total() {
            return sessions.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Over the approvals in the window: the median wait, and the slowest with its request. */
    public record Waiting(int approvals, Duration median, Duration slowest, long slowestRequestId) {
    }

    /** The first instant of the window that ends with the week holding {@code now}. */
    public static Instant windowStart(Instant now, int weeks) {
        return monday(now).minusWeeks(weeks - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Trends of(List<Session> sessions, List<Approval> approvals, Instant now, int weeks) {
        LocalDate first = monday(now).minusWeeks(weeks - 1L);
        List<Map<TaskPolicy, Long>> counts = new ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            counts.add(new EnumMap<>(TaskPolicy.class));
        }
        for (Session session : sessions) {
            long index = Duration.between(first.atStartOfDay(), monday(session.startedAt()).atStartOfDay()).toDays() / 7;
            if (index >= 0 && index < weeks) {
                counts.get((int) index).merge(session.taskPolicy(), 1L, Long::sum);
            }
        }
        List<Week> result = new ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            result.add(new Week(first.plusWeeks(i), Collections.unmodifiableMap(counts.get(i)), i == weeks - 1));
        }
        return new Trends(List.copyOf(result), waiting(approvals));
    }

    private static Optional<Waiting> waiting(List<Approval> approvals) {
        if (approvals.isEmpty()) {
            return Optional.empty();
        }
        List<Approval> sorted = approvals.stream().sorted(Comparator.comparing(Approval::waited)).toList();
        int n = sorted.size();
        Duration median = n % 2 == 1 ? sorted.get(n / 2).waited()
                : sorted.get(n / 2 - 1).waited().plus(sorted.get(n / 2).waited()).dividedBy(2);
        Approval slowest = sorted.get(n - 1);
        return Optional.of(new Waiting(n, median, slowest.waited(), slowest.requestId()));
    }

    private static LocalDate monday(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
