package dev.rootgate.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a move that the core allows writes: its audit events, in order, and the status the request moves to, if it
 * changes ({@link Lifecycle} writes the move's own event). Details keep insertion order, as the audit log does.
 */
public record Outcome(List<Event> events, Optional<Step> step) {

    public record Event(String action, Map<String, Object> details) {
    }

    public record Step(RequestStatus to, Map<String, Object> details) {
    }

    public Outcome {
        events = List.copyOf(events);
    }

    public static Outcome moveTo(RequestStatus to, Map<String, Object> details) {
        return new Outcome(List.of(), Optional.of(new Step(to, details)));
    }

    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
