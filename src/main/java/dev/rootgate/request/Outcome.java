package dev.rootgate.request;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a move that the core allows writes: its audit events, in order, and the statuses the request moves through,
 * if it changes ({@link Lifecycle} writes each move's own event). Details keep insertion order, as the audit log does.
 */
public record Outcome(List<Event> events, List<Step> steps) {

    public record Event(String action, Map<String, Object> details) {
    }

    /** A move; {@code activateBy} is the new activation deadline of a move to APPROVED (null otherwise). */
    public record Step(RequestStatus to, Map<String, Object> details, Instant activateBy) {
        public Step(RequestStatus to, Map<String, Object> details) {
            this(to, details, null);
        }
    }

    public Outcome {
        events = List.copyOf(events);
        steps = List.copyOf(steps);
    }

    public static Outcome moveTo(RequestStatus to, Map<String, Object> details) {
        return new Outcome(List.of(), List.of(new Step(to, details)));
    }

    /** The move that ends the outcome: the status the request is left in, when it changes. */
    public Optional<Step> step() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
