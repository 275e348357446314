package dev.rootgate.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.rootgate.detect.Finding;
import dev.rootgate.detect.Findings;
import dev.rootgate.policy.Account;
import dev.rootgate.policy.PolicyService;

/**
 * Every finding raised at an alert severity (HIGH, CRITICAL) goes to the alerts channel, written to the outbox in the
 * transaction that stored the finding: no alert for a finding that was rolled back, and one row per finding however
 * many replicas read the same CloudTrail record. Everything in a CloudTrail record is the caller's to choose (an
 * attacker names their own role session, and can put anything in a user agent), so every field is made inert. The
 * alert links to the finding's page: acknowledging needs a fresh MFA login there, never a click in Slack.
 */
@ApplicationScoped
public class FindingAlerts {

    private static final int FIELD_MAX = 180;

    @Inject
    SlackSettings slack;
    @Inject
    Outbox outbox;
    @Inject
    Findings findings;
    @Inject
    PolicyService policies;

    void on(@Observes Finding finding) {
        if (!finding.severity().isAlert()) {
            return;
        }
        slack.alertsChannel().ifPresent(channel -> findings.idOf(finding).ifPresent(id -> {
            String text = "[" + finding.severity() + "] " + finding.kind().name() + " (finding #" + id + "): "
                    + SlackText.inert(finding.summary(), SlackMessages.TEXT_MAX) + ".";
            String payload = SlackMessages.alert(text, facts(finding), slack.findingLink(id)).put("channel", channel)
                    .toString();
            outbox.writeOnce("alert:finding:" + id, SlackSink.NAME, SlackSink.POST, null, payload);
        }));
    }

    private List<String> facts(Finding finding) {
        Map<String, String> evidence = finding.evidence();
        List<String> facts = new ArrayList<>();
        fact(facts, "Who", evidence.get("callerArn"));
        fact(facts, "From", evidence.get("sourceIp"));
        String accountId = evidence.getOrDefault("accountId", "");
        if (!accountId.isEmpty()) {
            facts.add("Account: " + policies.current().account(accountId).map(Account::name)
                    .map(name -> inert(name) + " (" + inert(accountId) + ")")
                    .orElse(inert(accountId) + " (not in the catalog)"));
        }
        String taskPolicyArn = evidence.getOrDefault("taskPolicyArn", "");
        fact(facts, "Task policy", taskPolicyArn.substring(taskPolicyArn.lastIndexOf('/') + 1));
        fact(facts, "Error", evidence.get("errorCode"));
        fact(facts, "Event", evidence.get("eventId"));
        fact(facts, "At", time(evidence.get("eventTime")));
        finding.requestId().ifPresent(request -> facts.add("Request #" + request));
        return facts;
    }

    private static void fact(List<String> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(label + ": " + inert(value));
        }
    }

    private static String inert(String value) {
        return SlackText.inert(value, FIELD_MAX);
    }

    /** CloudTrail's ISO time as the other alerts print times; a record's odd text is shown as sent, made inert. */
    private static String time(String eventTime) {
        if (eventTime == null || eventTime.isBlank()) {
            return null;
        }
        try {
            return SlackMessages.time(Instant.parse(eventTime));
        } catch (java.time.format.DateTimeParseException e) {
            return eventTime;
        }
    }
}
