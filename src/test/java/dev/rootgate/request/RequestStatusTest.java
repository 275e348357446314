package dev.rootgate.request;

import static dev.rootgate.request.RequestStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle's edges, and only those: each case names the rule an extra or missing edge would break. */
class RequestStatusTest {

    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of("pending ends by quorum, deny, cancel or TTL", PENDING, EnumSet.of(APPROVED, DENIED, CANCELLED, EXPIRED)),
                Arguments.of("approved is started, cancelled or lapses, or waits for votes again when its quorum is lost", APPROVED, EnumSet.of(STARTING, PENDING, CANCELLED, EXPIRED)),
                Arguments.of("a claim becomes a session, is released after STS refused, or is interrupted", STARTING, EnumSet.of(ACTIVE, APPROVED, INTERRUPTED)),
                Arguments.of("an active session only ends", ACTIVE, EnumSet.of(ENDED)),
                Arguments.of("ended is final", ENDED, EnumSet.noneOf(RequestStatus.class)),
                Arguments.of("denied is final", DENIED, EnumSet.noneOf(RequestStatus.class)),
                Arguments.of("cancelled is final", CANCELLED, EnumSet.noneOf(RequestStatus.class)),
                Arguments.of("expired is final", EXPIRED, EnumSet.noneOf(RequestStatus.class)),
                Arguments.of("interrupted is never retried by itself", INTERRUPTED, EnumSet.noneOf(RequestStatus.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void onlyTheseMovesExist(String rule, RequestStatus from, Set<RequestStatus> allowed) {
        for (RequestStatus to : RequestStatus.values()) {
            assertEquals(allowed.contains(to), from.canMoveTo(to), from + " → " + to);
        }
    }
}
