package dev.rootgate.request;

import static dev.rootgate.request.CoreFixtures.NOW;
import static dev.rootgate.request.CoreFixtures.core;
import static dev.rootgate.request.CoreFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every deadline of a request, one row per rule: the status it moves to at NOW, or "stays". */
class DeadlinesTest {

    private static final Duration LONGEST_START = Duration.ofMinutes(2);

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("a pending request past its pending TTL expires", RequestStatus.PENDING,
                        set(r -> r.pendingUntil = NOW), "EXPIRED"),
                arguments("a pending request before its pending TTL stays", RequestStatus.PENDING,
                        set(r -> r.pendingUntil = NOW.plusSeconds(1)), "stays"),
                arguments("an approval not used within its activation window expires", RequestStatus.APPROVED,
                        set(r -> r.activateBy = NOW.minusSeconds(1)), "EXPIRED"),
                arguments("an approval within its activation window stays", RequestStatus.APPROVED,
                        set(r -> r.activateBy = NOW.plusSeconds(1)), "stays"),
                arguments("a session past its expiry has ended", RequestStatus.ACTIVE,
                        set(r -> r.sessionExpiresAt = NOW), "ENDED"),
                arguments("a live session stays active", RequestStatus.ACTIVE,
                        set(r -> r.sessionExpiresAt = NOW.plusSeconds(60)), "stays"),
                arguments("a start claimed longer ago than any start takes is interrupted, never retried",
                        RequestStatus.STARTING, set(r -> r.claimedAt = NOW.minus(LONGEST_START)), "INTERRUPTED"),
                arguments("a start in flight is left alone", RequestStatus.STARTING,
                        set(r -> r.claimedAt = NOW.minus(LONGEST_START).plusSeconds(1)), "stays"),
                arguments("a denied request has no deadline left", RequestStatus.DENIED,
                        set(r -> r.pendingUntil = NOW.minusSeconds(600)), "stays"),
                arguments("an ended session has no deadline left", RequestStatus.ENDED,
                        set(r -> r.sessionExpiresAt = NOW.minusSeconds(600)), "stays"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void expire(String rule, RequestStatus status, Consumer<AccessRequest> setUp, String expected) {
        AccessRequest request = request(status);
        setUp.accept(request);
        String moved = core().expire(request, LONGEST_START)
                .map(outcome -> outcome.step().orElseThrow().to().name()).orElse("stays");
        assertEquals(expected, moved, rule);
    }

    private static Consumer<AccessRequest> set(Consumer<AccessRequest> change) {
        return change;
    }
}
