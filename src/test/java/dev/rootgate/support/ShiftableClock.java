package dev.rootgate.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The application's clock in tests: the system clock, which a test may move to a chosen moment (and must move
 * back). Only rootgate's own deadlines follow it; tokens, PostgreSQL and the simulators keep real time.
 */
@Alternative
@Priority(1)
@Singleton
public class ShiftableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void shiftTo(Instant moment) {
        offset = Duration.between(Instant.now(), moment);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("rootgate works in UTC");
    }
}
