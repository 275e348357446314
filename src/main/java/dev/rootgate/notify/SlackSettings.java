package dev.rootgate.notify;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Slack is on when a bot token and the approvals channel are both configured; otherwise nothing is written. */
@ApplicationScoped
public class SlackSettings {

    @ConfigProperty(name = "rootgate.slack.api-url", defaultValue = "https://slack.com/api")
    URI apiUrl;
    @ConfigProperty(name = "rootgate.slack.token")
    Optional<String> token;
    @ConfigProperty(name = "rootgate.slack.approvals-channel")
    Optional<String> approvalsChannel;
    @ConfigProperty(name = "rootgate.slack.alerts-channel")
    Optional<String> alertsChannel;
    @ConfigProperty(name = "rootgate.base-url")
    Optional<String> baseUrl;

    public boolean enabled() {
        return token.filter(t -> !t.isBlank()).isPresent() && approvalsChannel.filter(c -> !c.isBlank()).isPresent();
    }

    URI apiUrl() {
        return apiUrl;
    }

    String token() {
        return token.orElseThrow();
    }

    String approvalsChannel() {
        return approvalsChannel.orElseThrow();
    }

    /** Whether security alerts have a channel (they go out when Slack is enabled too). */
    public boolean alertsConfigured() {
        return alertsChannel.filter(c -> !c.isBlank()).isPresent();
    }

    /** Security alerts go out only when their channel is configured too. */
    Optional<String> alertsChannel() {
        return enabled() ? alertsChannel.filter(c -> !c.isBlank()) : Optional.empty();
    }

    /** Where a request's page is; without a base URL the page path alone still tells an approver what to open. */
    String requestLink(long id) {
        String base = baseUrl.map(String::strip).orElse("");
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/requests/" + id;
    }
}
