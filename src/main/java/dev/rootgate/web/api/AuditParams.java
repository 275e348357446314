package dev.rootgate.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

import dev.rootgate.audit.ExportFormat;
import dev.rootgate.audit.HistoryFilter;
import dev.rootgate.oversight.ExportRequest;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.InvalidInput;

/**
 * The audit log's filters as the API and the auditor page take them (the same names in both, and in exports):
 * each bad value is a 400 naming its parameter.
 */
public record AuditParams(String from, String to, String account, String actor, String action, String taskPolicy,
        String request, String outcome, String reason) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int ACTOR_MAX = 255;
    private static final String TO_AFTER_FROM = "must be after from (to is not included: for one whole day, to is the next day)";
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    static final int MAX_PAGE_SIZE = 200;

    public ExportRequest export(String format, Instant now) {
        ExportRequest wanted = new ExportRequest(format(format), time("from", from, null), time("to", to, now),
                accountId(), actorName(), actionName(), requestId(), taskPolicyName(), outcomeOf(), reasonCode());
        if (wanted.from() != null && !wanted.from().isBefore(wanted.to())) {
            throw new InvalidInput("to", TO_AFTER_FROM);
        }
        return wanted;
    }

    public HistoryFilter history(String page, String size) {
        Instant since = time("from", from, null);
        Instant until = time("to", to, null);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidInput("to", TO_AFTER_FROM);
        }
        return new HistoryFilter(since, until, accountId(), actorName(), actionName(), taskPolicyName(), requestId(),
                outcomeOf(), reasonCode(),
                RequestsResource.number("page", page, 0, 0, RequestsResource.MAX_PAGE),
                RequestsResource.number("size", size, 50, 1, MAX_PAGE_SIZE));
    }

    private String reasonCode() {
        return matching("reason", reason, REASON, "a reason code such as self_approval");
    }

    private String accountId() {
        return matching("account", account, ACCOUNT_ID, "12 digits");
    }

    private String actionName() {
        return matching("action", action, ACTION, "an action name such as request.created");
    }

    private Long requestId() {
        return request == null || request.isBlank() ? null : RequestsResource.requestId("request", request.strip());
    }

    private String actorName() {
        if (actor == null || actor.isEmpty()) {
            return null;
        }
        if (actor.length() > ACTOR_MAX) {
            throw new InvalidInput("actor", "at most " + ACTOR_MAX + " characters");
        }
        if (actor.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("actor", "must not contain control characters");
        }
        return actor;
    }

    private String taskPolicyName() {
        if (taskPolicy == null || taskPolicy.isBlank()) {
            return null;
        }
        try {
            return TaskPolicy.valueOf(taskPolicy.strip()).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("taskPolicy", "one of " + Arrays.toString(TaskPolicy.values()));
        }
    }

    private HistoryFilter.Outcome outcomeOf() {
        if (outcome == null || outcome.isBlank()) {
            return null;
        }
        for (HistoryFilter.Outcome known : HistoryFilter.Outcome.values()) {
            if (known.name().equalsIgnoreCase(outcome.strip())) {
                return known;
            }
        }
        throw new InvalidInput("outcome", "refused, failed or succeeded");
    }

    private static ExportFormat format(String text) {
        String given = text == null ? "" : text.strip();
        for (ExportFormat format : ExportFormat.values()) {
            if (format.extension().equals(given)) {
                return format;
            }
        }
        throw new InvalidInput("format", "csv or jsonl");
    }

    /** An ISO-8601 instant with an offset (2026-11-29T06:00:00Z) or a date, which means its first moment in UTC. */
    private static Instant time(String field, String text, Instant absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        String given = text.strip();
        Instant time;
        try {
            time = given.length() == 10 ? LocalDate.parse(given).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(given).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "an ISO-8601 time with offset (2026-11-29T06:00:00Z) or a date (2026-11-29)");
        }
        // The database's times end long before the parser's do.
        if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
            throw new InvalidInput(field, "a time in the years 1 to 9999");
        }
        return time;
    }

    private static String matching(String field, String text, Pattern pattern, String expected) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!pattern.matcher(text.strip()).matches()) {
            throw new InvalidInput(field, expected);
        }
        return text.strip();
    }
}
