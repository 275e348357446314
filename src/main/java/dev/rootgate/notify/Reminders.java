package dev.rootgate.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.RequestStatus;
import io.quarkus.scheduler.Scheduled;

/**
 * Reminds a pending request's thread that it still waits: once at a configurable share of its pending time (half-way
 * by default) and once shortly before it expires. Each reminder has its own dedupe key in the outbox, so a reminder
 * is written once however often this runs and however many replicas run it; a decided request is no longer pending.
 */
@ApplicationScoped
public class Reminders {

    @Inject
    Clock clock;
    @Inject
    SlackSettings slack;
    @Inject
    SlackNotifications notifications;
    @Inject
    Outbox outbox;
    @ConfigProperty(name = "rootgate.slack.reminder-at", defaultValue = "0.5")
    double share;
    @ConfigProperty(name = "rootgate.slack.last-reminder-before", defaultValue = "PT15M")
    Duration lastBefore;

    @Scheduled(every = "${rootgate.slack.reminders.every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void run() {
        if (!slack.enabled()) {
            return;
        }
        Instant now = clock.instant();
        for (AccessRequest request : AccessRequest.<AccessRequest>list("status = ?1 and pendingUntil > ?2 order by id",
                RequestStatus.PENDING, now)) {
            Duration pending = Duration.between(request.createdAt, request.pendingUntil);
            Instant reminder = request.createdAt.plusMillis((long) (pending.toMillis() * share));
            if (!now.isBefore(reminder)) {
                remind(request, "reminder:" + request.id, false);
            }
            if (!now.isBefore(request.pendingUntil.minus(lastBefore))) {
                remind(request, "last-reminder:" + request.id, true);
            }
        }
    }

    private void remind(AccessRequest request, String dedupeKey, boolean lastCall) {
        outbox.writeOnce(dedupeKey, SlackSink.NAME, SlackSink.REPLY, "request:" + request.id,
                SlackMessages.reminder(notifications.facts(request), lastCall, userGroupsOf(request)).toString());
    }

    /** The Slack user groups configured for the request's approver groups, in the order of its stages. */
    private List<String> userGroupsOf(AccessRequest request) {
        Map<String, String> configured = slack.userGroups();
        return request.approvalStages == null ? List.of() : request.approvalStages.stream()
                .flatMap(stage -> stage.groups().stream().sorted()).map(configured::get).filter(Objects::nonNull)
                .distinct().toList();
    }
}
