package dev.rootgate.dev;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Tells a newcomer in dev mode where the Slack messages rootgate sends can be seen. */
@ApplicationScoped
class SlackSimulatorPage {

    private static final Logger LOG = Logger.getLogger(SlackSimulatorPage.class);

    void announce(@Observes StartupEvent started) {
        ConfigProvider.getConfig().getOptionalValue("rootgate.dev.slack-simulator.url", String.class)
                .ifPresent(url -> LOG.infof("Slack simulator: the messages rootgate sends are shown at %s/", url));
    }
}
