package dev.rootgate.notify;

import java.time.Duration;
import java.util.Optional;

/** Delivers outbox rows of one {@link #name() sink} (the {@code outbox.sink} column) to the outside world. */
public interface Sink {

    String name();

    /** One attempt; the dispatcher records the answer in the same transaction that holds the row's lock. */
    Delivery deliver(OutboxRow row);

    /** A row as a sink sees it; {@code threadStart} is the result of the first delivered row of its thread. */
    record OutboxRow(long id, String kind, String threadKey, String payload, int attempts,
                     Optional<String> threadStart) {
    }

    sealed interface Delivery {
    }

    /** Done; the result is kept on the row (a Slack channel and ts, which later rows of the thread need). */
    record Delivered(String result) implements Delivery {
    }

    /** Worth another attempt: after the wait the other side asked for, or after the dispatcher's backoff. */
    record RetryLater(Optional<Duration> after, String error) implements Delivery {
    }

    /** Another attempt would fail the same way (a wrong token, an unknown channel): kept as FAILED for an admin. */
    record Failed(String error) implements Delivery {
    }
}
