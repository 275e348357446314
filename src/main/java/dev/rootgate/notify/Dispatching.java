package dev.rootgate.notify;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * This replica's dispatcher: run on a schedule (which also picks up retries and whatever a stopped replica left)
 * and kicked after each commit that wrote rows.
 */
@ApplicationScoped
public class Dispatching {

    private static final Logger LOG = Logger.getLogger(Dispatching.class);

    @Inject
    DataSource dataSource;
    @Inject
    SlackSettings slack;
    @Inject
    Clock clock;
    @Inject
    NotifyConfig config;

    private Dispatcher dispatcher;
    private final ExecutorService kicks = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "outbox-kick");
        thread.setDaemon(true);
        return thread;
    });
    /** Kicks arriving while one waits to run are one kick: that run sees all their rows. */
    private final AtomicBoolean kickWaiting = new AtomicBoolean();

    @PostConstruct
    void create() {
        List<Sink> sinks = slack.enabled()
                ? List.of(new SlackSink(SlackSink.NAME, slack.apiUrl(), slack.token()))
                : List.of();
        dispatcher = new Dispatcher(dataSource, sinks, clock,
                new Dispatcher.Backoff(config.backoff(), config.backoffMax(), config.maxAttempts()));
    }

    @PreDestroy
    void stop() {
        kicks.shutdownNow();
    }

    @Scheduled(every = "${rootgate.notify.every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        drain();
    }

    void kick() {
        if (kickWaiting.compareAndSet(false, true)) {
            kicks.execute(() -> {
                kickWaiting.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            dispatcher.drain();
        } catch (RuntimeException e) {
            LOG.warnf(e, "outbox: delivery stopped; the next run tries again");
        }
    }
}
