package dev.rootgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Instants are UTC; 2025-03-03 is a Monday, Berlin is UTC+1 in winter and UTC+2 from 2025-03-30. */
class ChangeWindowTest {

    private static final String OFFICE_HOURS_BERLIN = "Mon-Fri 08:00-18:00 Europe/Berlin";

    static Stream<Arguments> windows() {
        return Stream.of(
                arguments("weekday inside office hours", OFFICE_HOURS_BERLIN, "2025-03-05T10:00:00Z", true),
                arguments("start is inclusive (08:00 Berlin = 07:00Z in winter)", OFFICE_HOURS_BERLIN,
                        "2025-03-03T07:00:00Z", true),
                arguments("one second before start", OFFICE_HOURS_BERLIN, "2025-03-03T06:59:59Z", false),
                arguments("end is exclusive (18:00 Berlin = 17:00Z)", OFFICE_HOURS_BERLIN, "2025-03-07T17:00:00Z", false),
                arguments("Saturday is outside Mon-Fri", OFFICE_HOURS_BERLIN, "2025-03-08T10:00:00Z", false),
                arguments("the zone decides the day: Sunday 23:30Z is Monday 00:30 in Berlin",
                        "Mon 00:00-01:00 Europe/Berlin", "2025-03-02T23:30:00Z", true),
                arguments("the zone decides the day: Monday 00:30Z is still Sunday in New York",
                        "Mon 00:00-23:59 America/New_York", "2025-03-03T00:30:00Z", false),
                arguments("wall-clock hours survive daylight saving (08:00 Berlin = 06:00Z in summer)",
                        OFFICE_HOURS_BERLIN, "2025-03-31T06:00:00Z", true),
                arguments("the same 06:00Z in winter is 07:00 Berlin, before start", OFFICE_HOURS_BERLIN,
                        "2025-03-03T06:00:00Z", false),
                arguments("daylight saving: 16:30Z is 18:30 Berlin in summer, after end", OFFICE_HOURS_BERLIN,
                        "2025-03-31T16:30:00Z", false),
                arguments("single day", "Sat 10:00-12:00 UTC", "2025-03-08T11:00:00Z", true),
                arguments("single day, other day", "Sat 10:00-12:00 UTC", "2025-03-09T11:00:00Z", false),
                arguments("day list, listed day", "Mon,Wed 09:00-17:00 UTC", "2025-03-05T09:00:00Z", true),
                arguments("day list, day between the listed ones", "Mon,Wed 09:00-17:00 UTC",
                        "2025-03-04T12:00:00Z", false),
                arguments("range wrapping past Sunday", "Fri-Mon 00:00-24:00 UTC", "2025-03-09T12:00:00Z", true),
                arguments("range wrapping past Sunday excludes midweek", "Fri-Mon 00:00-24:00 UTC",
                        "2025-03-05T12:00:00Z", false),
                arguments("24:00 covers the last second of the day", "Sun 20:00-24:00 UTC",
                        "2025-03-09T23:59:59.999Z", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void contains(String rule, String window, String instant, boolean expected) {
        assertEquals(expected, ChangeWindow.parse(window).contains(Instant.parse(instant)), rule);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("overnight windows are refused and the error says so", "Mon 22:00-06:00 UTC", "overnight"),
                arguments("an empty window is refused", "Mon 09:00-09:00 UTC", "must be after start"),
                arguments("day names are English three-letter abbreviations", "Monday 09:00-17:00 UTC", "bad day"),
                arguments("day names are case-sensitive", "mon 09:00-17:00 UTC", "Mon, Tue, Wed"),
                arguments("hours need two digits", "Mon 9:00-17:00 UTC", "bad hours"),
                arguments("hours must exist", "Mon 09:00-25:00 UTC", "bad time"),
                arguments("24:00 is an end, never a start", "Mon 24:00-24:00 UTC", "bad time"),
                arguments("unknown zone", "Mon 09:00-17:00 Europe/Atlantis", "unknown time zone"),
                arguments("zone is required", "Mon 09:00-17:00", "days, hours and time zone"),
                arguments("empty day in a list", "Mon,,Wed 09:00-17:00 UTC", "bad day"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parseRefuses(String rule, String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangeWindow.parse(text), rule);
        assertTrue(e.getMessage().contains(reason), () -> rule + ": " + e.getMessage());
    }

    @Test
    void toStringIsReadable() {
        assertEquals("Mon-Fri 08:00-18:00 Europe/Berlin", ChangeWindow.parse(OFFICE_HOURS_BERLIN).toString());
        assertEquals("Sat 10:00-24:00 UTC", ChangeWindow.parse("Sat 10:00-24:00 UTC").toString());
        assertEquals("Mon,Wed-Thu,Sun 09:00-17:00 UTC", ChangeWindow.parse("Sun,Thu,Mon,Wed 09:00-17:00 UTC").toString());
    }
}
