package dev.rootgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MfaCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Set<String> ACCEPTED = Set.of("otp", "hwk", "mfa");
    private static final Duration MAX_AGE = Duration.ofMinutes(15);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("otp just now is fresh", List.of("pwd", "otp"), Optional.of(NOW), MfaCheck.Result.FRESH),
                Arguments.of("exactly at max age is still fresh", List.of("hwk"), Optional.of(NOW.minus(MAX_AGE)), MfaCheck.Result.FRESH),
                Arguments.of("one second past max age is stale", List.of("otp"), Optional.of(NOW.minus(MAX_AGE).minusSeconds(1)), MfaCheck.Result.STALE),
                Arguments.of("password alone is not MFA", List.of("pwd"), Optional.of(NOW), MfaCheck.Result.MISSING),
                Arguments.of("no amr is not MFA", List.of(), Optional.of(NOW), MfaCheck.Result.MISSING),
                Arguments.of("no auth_time cannot be judged fresh", List.of("otp"), Optional.empty(), MfaCheck.Result.MISSING),
                Arguments.of("small clock skew is tolerated", List.of("otp"), Optional.of(NOW.plusSeconds(30)), MfaCheck.Result.FRESH),
                Arguments.of("auth_time far in the future is not trusted", List.of("otp"), Optional.of(NOW.plusSeconds(600)), MfaCheck.Result.MISSING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String rule, List<String> amr, Optional<Instant> authTime, MfaCheck.Result expected) {
        assertEquals(expected, MfaCheck.evaluate(new MfaEvidence(amr, authTime), ACCEPTED, MAX_AGE, NOW));
    }
}
