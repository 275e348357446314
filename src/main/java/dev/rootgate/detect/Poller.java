package dev.rootgate.detect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Reads CloudTrail with LookupEvents, region by region, and hands every record to {@link Detections}: AssumeRoot,
 * and the management account's IAM and CloudTrail events of which the checklist's are findings. Each poll reads from
 * the region's watermark less the trailing window (CloudTrail delivers late; re-reading is safe because records are
 * kept once by eventID) up to now, every page, at most {@code calls-per-second} calls per region, backing off on
 * throttling; the watermark moves only once the whole window was read, so a poll cut short is read again.
 */
@ApplicationScoped
public class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);
    /** One lookup attribute per call, so three lookups: IAM and CloudTrail events are filtered by the checklist. */
    static final List<LookupAttribute> LOOKUPS = List.of(
            attribute(LookupAttributeKey.EVENT_NAME, AssumeRootEvent.EVENT_NAME),
            attribute(LookupAttributeKey.EVENT_SOURCE, "iam.amazonaws.com"),
            attribute(LookupAttributeKey.EVENT_SOURCE, "cloudtrail.amazonaws.com"));
    private static final int PAGE_SIZE = 50;
    private static final long PACE_MARGIN_NANOS = 50_000_000L;

    @Inject
    DetectConfig config;
    @Inject
    CloudTrailClients clients;
    @Inject
    Detections detections;
    @Inject
    Watermarks watermarks;
    @Inject
    Clock clock;
    @ConfigProperty(name = "rootgate.sts.region")
    String stsRegion;

    /** When each region's last call ended (System.nanoTime), to keep to LookupEvents' rate. */
    private final Map<String, Long> lastCall = new ConcurrentHashMap<>();

    @Scheduled(every = "${rootgate.detect.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.regions().isPresent() && config.brokerPrincipalArn().isPresent()) {
            poll();
        }
    }

    /** Every configured region, then what the trail's silence now proves about sessions rootgate issued. */
    public void poll() {
        for (String region : config.regions().orElse(List.of())) {
            try {
                pollRegion(region);
            } catch (RuntimeException e) {
                LOG.errorf(e, "CloudTrail of %s was not read whole; the next poll reads it again from its watermark",
                        region);
            }
        }
        watermarks.of(stsRegion).ifPresent(mark -> detections.resolveAbsences(mark.startedAt(), mark.readUntil()));
    }

    /** Reads one region's window; false when another replica holds the region. */
    public boolean pollRegion(String region) {
        Optional<Watermarks.Lease> held = watermarks.lease(region);
        if (held.isEmpty()) {
            return false;
        }
        try (Watermarks.Lease lease = held.get()) {
            Instant until = Instant.now(clock);
            Instant from = lease.mark().map(mark -> mark.readUntil().minus(config.trailingWindow()))
                    .orElse(until.minus(config.trailingWindow()));
            for (LookupAttribute lookup : LOOKUPS) {
                read(region, lookup, from, until);
            }
            lease.advance(lease.mark().map(Watermarks.Mark::startedAt).orElse(from), until, Instant.now(clock));
            return true;
        }
    }

    private void read(String region, LookupAttribute lookup, Instant from, Instant until) {
        String token = null;
        do {
            LookupEventsRequest request = LookupEventsRequest.builder().lookupAttributes(lookup).startTime(from)
                    .endTime(until).maxResults(PAGE_SIZE).nextToken(token).build();
            LookupEventsResponse page = call(region, request);
            for (Event event : page.events()) {
                handle(region, event);
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    private void handle(String region, Event event) {
        try {
            detections.record(event.cloudTrailEvent(), "lookup");
        } catch (MalformedEvent e) {
            // A record read half could hide a root session: it is named loudly, and the rest still flows.
            LOG.errorf("CloudTrail record %s in %s could not be read and was not reconciled: %s", event.eventId(),
                    region, e.getMessage());
        }
    }

    /** One call at the region's pace, again after a doubling wait each time CloudTrail throttles it. */
    private LookupEventsResponse call(String region, LookupEventsRequest request) {
        Duration wait = config.throttleBackoff();
        for (int attempt = 0; ; attempt++) {
            pace(region);
            try {
                return clients.of(region).lookupEvents(request);
            } catch (CloudTrailException e) {
                // ThrottlingException, and the codes AWS throttles with elsewhere (Throttling, 429).
                if (!e.isThrottlingException() || attempt >= config.throttleRetries()) {
                    throw e;
                }
                LOG.warnf("CloudTrail throttled LookupEvents in %s; waiting %s", region, wait);
                sleep(wait.toMillis());
            } finally {
                lastCall.put(region, System.nanoTime());
            }
            wait = wait.multipliedBy(2);
        }
    }

    /**
     * Waits until the region's last call ended at least 1/calls-per-second ago, plus a margin: CloudTrail counts
     * calls when they arrive, and a call can arrive sooner after the previous one than it was sent.
     */
    private void pace(String region) {
        long interval = 1_000_000_000L / config.callsPerSecond() + PACE_MARGIN_NANOS;
        Long previous = lastCall.get(region);
        long now = System.nanoTime();
        if (previous != null && previous + interval > now) {
            sleep((previous + interval - now + 999_999) / 1_000_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for CloudTrail", e);
        }
    }

    private static LookupAttribute attribute(LookupAttributeKey key, String value) {
        return LookupAttribute.builder().attributeKey(key).attributeValue(value).build();
    }
}
