package dev.rootgate.dev;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Tells a newcomer in dev mode where to write a shadow AssumeRoot or a StopLogging into the simulated trail. */
@ApplicationScoped
class CloudTrailSimulatorPage {

    private static final Logger LOG = Logger.getLogger(CloudTrailSimulatorPage.class);

    void announce(@Observes StartupEvent started) {
        ConfigProvider.getConfig().getOptionalValue("rootgate.dev.cloudtrail-simulator.control-url", String.class)
                .ifPresent(url -> LOG.infof("CloudTrail simulator: inject a shadow AssumeRoot, a failed one or a"
                        + " StopLogging at %s/ and watch rootgate's findings follow", url));
    }
}
