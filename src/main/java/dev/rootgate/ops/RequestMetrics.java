package dev.rootgate.ops;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.rootgate.request.RequestEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * rootgate_requests_total{taskPolicy, outcome}: each request created and each state it enters (approved, denied,
 * active, ended, expired...), and rootgate_requests_time_to_approval_seconds{taskPolicy}: from creation to the vote
 * that met the quorum. Counted once the transaction that writes them commits, so a rolled-back move counts nothing.
 */
@ApplicationScoped
public class RequestMetrics {

    private static final String MOVE = "request.";

    @Inject
    MeterRegistry metrics;

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequestEvent event) {
        if (!event.action().startsWith(MOVE)) {
            return;
        }
        String outcome = event.action().substring(MOVE.length());
        String taskPolicy = event.request().taskPolicy;
        metrics.counter("rootgate.requests", "taskPolicy", taskPolicy, "outcome", outcome).increment();
        if (outcome.equals("approved") && "PENDING".equals(event.details().get("from"))) {
            Timer.builder("rootgate.requests.time.to.approval")
                    .description("from a request's creation to the vote that met its quorum")
                    .tag("taskPolicy", taskPolicy).register(metrics)
                    .record(Duration.between(event.request().createdAt, event.request().approvedAt));
        }
    }
}
