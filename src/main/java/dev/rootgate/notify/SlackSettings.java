package dev.rootgate.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/** Slack is on when a bot token and the approvals channel are both configured; otherwise nothing is written. */
@ApplicationScoped
@Startup
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
    @ConfigProperty(name = "rootgate.slack.user-groups")
    Optional<List<String>> userGroups;

    private static final Pattern USER_GROUP = Pattern.compile("([^=\\s]+)=(S[A-Z0-9]{2,})");

    /**
     * The Slack user group to mention for each IdP group (`security-oncall=S012AB3CD`). Only Slack's own ID shape is
     * accepted, so a mapping cannot smuggle another control sequence into a message.
     */
    Map<String, String> userGroups() {
        Map<String, String> byGroup = new TreeMap<>();
        for (String entry : userGroups.orElse(List.of())) {
            Matcher matcher = USER_GROUP.matcher(entry.strip());
            if (!matcher.matches()) {
                throw new IllegalStateException("rootgate.slack.user-groups: \"" + entry
                        + "\" is not <idp-group>=<Slack user group ID, S…>");
            }
            byGroup.put(matcher.group(1), matcher.group(2));
        }
        return byGroup;
    }

    /** A mistyped user group mapping stops rootgate at start, not at its first reminder. */
    @PostConstruct
    void check() {
        userGroups();
    }

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
        return link("/requests/" + id);
    }

    /** Where a finding's page is, with its evidence and the acknowledge form. */
    String findingLink(long id) {
        return link("/findings/" + id);
    }

    private String link(String path) {
        String base = baseUrl.map(String::strip).orElse("");
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
