package dev.rootgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every time a page shows is a {@code <time>} whose {@code datetime} is the instant in UTC and whose text and title
 * say the same instant in UTC: what a browser without JavaScript shows, and what static/times.js turns into the
 * viewer's own zone (keeping UTC in the title). No time is printed outside such an element.
 */
@QuarkusTest
class EveryTimeOnAPageIsMachineReadableUtcTest {

    private static final String UTC_TEXT = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC";
    private static final Pattern TIME = Pattern.compile(
            "<time datetime=\"([^\"]+)\" title=\"(" + UTC_TEXT + ")\">(" + UTC_TEXT + ")</time>");
    private static final Pattern ANY_UTC_TEXT = Pattern.compile(UTC_TEXT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Test
    void requestPagesListsAndTheAuditLogShowTimesAsTimeElements() {
        TestUser engineer = TestUser.engineer();
        long id = Flows.request(engineer, Flows.SANDBOX, "S3UnlockBucketPolicy");
        Flows.approve(TestUser.approver(), id);
        TestUser auditor = TestUser.auditor();

        assertTimes(page(engineer, "/requests/" + id), 5); // requested, decide before, a decision and its MFA, timeline
        assertTimes(page(engineer, "/requests"), 1);
        assertTimes(page(auditor, "/audit?request=" + id), 2); // the events, the MFA of the one that has it
    }

    /**
     * The audit log's filters take UTC, as its exports and CloudTrail do: the page says so beside the fields, and its
     * times keep UTC beside the viewer's zone (static/times.js reads data-utc-beside).
     */
    @Test
    void theAuditLogsFiltersAreUtcAndItsTimesKeepUtcBeside() {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        String audit = page(TestUser.auditor(), "/audit?request=" + id);
        assertTrue(audit.contains("From (UTC) <input type=\"text\" name=\"from\" aria-describedby=\"filters-utc\"")
                && audit.contains("id=\"filters-utc\">From and To are in UTC"), audit);
        // From = To = a date finds nothing: the page must say that To is not included before an auditor tries it.
        assertTrue(audit.contains("To is not included: for the whole of 29 November, From 2026-11-29 and To 2026-11-30"), audit);
        assertTrue(audit.contains("<table id=\"events\" data-utc-beside>"), audit);
        String script = io.restassured.RestAssured.get("/static/times.js").then().statusCode(200).extract().asString();
        assertTrue(script.contains("closest('[data-utc-beside]')"), script);
    }

    private static String page(TestUser user, String path) {
        return user.api().accept("text/html").get(path).then().statusCode(200).extract().asString();
    }

    private static void assertTimes(String page, int atLeast) {
        List<Instant> seen = TIME.matcher(page).results().map(time -> {
            Instant instant = Instant.parse(time.group(1));
            assertEquals(time.group(1), instant.toString(), "datetime is not an ISO instant in UTC: " + time.group());
            assertEquals(SHOWN.format(instant), time.group(2), time.group());
            assertEquals(SHOWN.format(instant), time.group(3), time.group());
            return instant;
        }).toList();
        assertTrue(seen.size() >= atLeast, "only " + seen.size() + " times on:\n" + page);
        Matcher outside = ANY_UTC_TEXT.matcher(TIME.matcher(page).replaceAll(""));
        if (outside.find()) {
            throw new AssertionError("a time outside a <time> element: " + outside.group() + " on:\n" + page);
        }
        assertTrue(page.contains("<script src=\"/static/times.js\"></script>"), "the page does not load times.js");
    }
}
