package dev.rootgate.broker;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.request.LongestStart;

/** Every throttled attempt's connect and read timeouts, plus the back-off between them. */
@ApplicationScoped
public class StartDuration implements LongestStart {

    @Inject
    StsConfig sts;

    @Override
    public Duration duration() {
        return sts.connectTimeout().plus(sts.readTimeout()).multipliedBy(RootSessionBroker.ATTEMPTS_WHEN_THROTTLED)
                .plus(RootSessionBroker.BACKOFF_TOTAL);
    }
}
