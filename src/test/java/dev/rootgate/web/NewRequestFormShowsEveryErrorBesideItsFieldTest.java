package dev.rootgate.web;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser;
import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A refused new request says at once everything that needs correcting: on the page each fault beside its field,
 * named by the label the user sees; in the API every field in {@code errors}, the first in {@code field}.
 */
@QuarkusTest
class NewRequestFormShowsEveryErrorBesideItsFieldTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyFaultIsShownBesideItsFieldByItsLabel() throws Exception {
        Browser alice = new Browser(base.toURI());
        Page form = alice.logIn(alice.get("/requests/new"), "alice", true);
        Page refused = alice.submit(form, "/requests", Map.of("accountId", "", "taskPolicy", "", "justification", " ",
                "ticket", "not a ticket!"));
        assertEquals(400, refused.status(), refused.body());
        for (String expected : new String[] {"id=\"accountId-error\">Account: is required<",
                "id=\"taskPolicy-error\">Task policy: is required<", "id=\"justification-error\">Justification: is required<",
                "id=\"ticket-error\">Ticket: at most 64 characters", "aria-describedby=\"justification-error\""}) {
            assertTrue(refused.has(expected), expected + " missing:\n" + refused.body());
        }
        assertTrue(!refused.has("accountId: ") && !refused.has("justification: "), "an internal field name is shown");
    }

    @Test
    void theApiNamesEveryFaultyField() {
        TestUser.engineer().api().body(Map.of("justification", "  ")).post("/api/v1/requests").then().statusCode(400)
                .body("field", equalTo("accountId")).body("errors.field", equalTo(java.util.List.of("accountId",
                        "taskPolicy", "justification")))
                .body("errors[2].reason", equalTo("is required"));
    }
}
