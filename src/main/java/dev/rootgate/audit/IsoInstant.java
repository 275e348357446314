package dev.rootgate.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC, the fraction in groups of three digits, none when zero), written
 * into a buffer without a formatter per call: exports and verification format every event's time.
 */
final class IsoInstant {

    private static final long SECONDS_PER_DAY = 86_400;
    /** Years 0000 to 9999 print as four digits; the rare others are left to {@link Instant#toString()}. */
    private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private IsoInstant() {
    }

    static StringBuilder append(StringBuilder out, Instant instant) {
        return out.append(append(new Utf8Buffer(32), instant));
    }

    static Utf8Buffer append(Utf8Buffer out, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds >= END) {
            return out.append(instant.toString().getBytes(StandardCharsets.US_ASCII));
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        digits(out, date.getYear(), 4).append((byte) '-');
        digits(out, date.getMonthValue(), 2).append((byte) '-');
        digits(out, date.getDayOfMonth(), 2).append((byte) 'T');
        digits(out, secondOfDay / 3600, 2).append((byte) ':');
        digits(out, secondOfDay / 60 % 60, 2).append((byte) ':');
        digits(out, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano > 0) {
            out.append((byte) '.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(out, nano / 1000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        return out.append((byte) 'Z');
    }

    static String format(Instant instant) {
        return append(new Utf8Buffer(32), instant).toString();
    }

    /** {@code value} with leading zeros to {@code width} digits. */
    private static Utf8Buffer digits(Utf8Buffer out, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            out.append((byte) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static int pow10(int exponent) {
        int power = 1;
        for (int i = 0; i < exponent; i++) {
            power *= 10;
        }
        return power;
    }
}
