package dev.rootgate.web;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser;
import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A person may keep any number of rootgate tabs open: loading a page in one tab leaves the forms of the others
 * working. Forged forms stay refused: one without the token, one with a made-up token, and one with another
 * person's token and cookie planted in this browser.
 */
@QuarkusTest
class FormsOfEveryOpenTabStayValidTest {

    @TestHTTPResource("/")
    URL base;

    private Browser signedIn(String user, String path) throws Exception {
        Browser browser = new Browser(base.toURI());
        Page page = browser.logIn(browser.get(path), user, true);
        assertEquals(path, page.uri().getPath(), page.body());
        return browser;
    }

    @Test
    void aFormLoadedBeforeOtherPagesIsStillAccepted() throws Exception {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        Browser bob = signedIn("bob", "/requests/" + id);
        Page firstTab = bob.get("/requests/" + id);
        bob.get("/approvals");
        bob.get("/approvals/decided");
        Page secondTab = bob.get("/requests/" + id);

        Page decided = bob.submit(firstTab, "/requests/" + id + "/decision",
                Map.of("decision", "APPROVE", "comment", "from the first tab"));
        assertEquals(200, decided.status(), decided.body());
        assertTrue(decided.has("You decided: <strong>APPROVE</strong>"), decided.body());
        assertEquals(Browser.hidden(firstTab, "csrf-token"), Browser.hidden(secondTab, "csrf-token"),
                "each page hands out its own token");
    }

    @Test
    void aFormWithoutTheTokenOrWithAnotherIsRefused() throws Exception {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        Browser bob = signedIn("bob", "/requests/" + id);
        Browser carol = signedIn("carol", "/requests/" + id);
        String carols = Browser.hidden(carol.get("/requests/" + id), "csrf-token");
        assertNotEquals(carols, Browser.hidden(bob.get("/requests/" + id), "csrf-token"), "two people share a token");

        String decision = "&decision=APPROVE&comment=forged";
        assertRefused(bob, id, "decision=APPROVE&comment=forged");
        assertRefused(bob, id, "csrf-token=" + "A".repeat(43) + decision);
        assertRefused(bob, id, "csrf-token=" + carols + decision);
        // Carol's token with Carol's cookie, planted in Bob's browser (a longer path is sent first).
        bob.plantCookie("csrf-token", carol.cookie("csrf-token"), "/requests/" + id);
        assertRefused(bob, id, "csrf-token=" + carols + decision);
    }

    private static void assertRefused(Browser browser, long id, String form) {
        Page answer = browser.send("POST", "/requests/" + id + "/decision", "application/x-www-form-urlencoded", form);
        assertEquals(400, answer.status(), form + "\n" + answer.body());
        assertTrue(answer.has("Nothing was changed"), answer.body());
        TestUser.auditor().api().get("/api/v1/requests/" + id).then().statusCode(200)
                .body("decisions.size()", equalTo(0));
    }
}
