package dev.rootgate.web;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.Browser;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Another site's page can make the signed-in browser send any POST with its cookies: no body, text/plain,
 * multipart, JSON, or a form without the page's token. None of them changes anything: pages act only on a real
 * form that carries the CSRF token of a page rootgate rendered, and the JSON API takes no cookie at all.
 */
@QuarkusTest
class CrossSitePostsChangeNothingTest {

    private static final String PROD = Flows.ANY_ACCOUNT; // the two-approvals rule covers it for the dev IdP's alice
    private static final Pattern REQUEST_LINK = Pattern.compile("href=\"/requests/\\d+\"");

    /** What fetch(…, {method: 'POST', mode: 'no-cors', credentials: 'include'}) or a plain form can send. */
    private record Forgery(String contentType, String body) {
    }

    private static List<Forgery> forgeries(String fields) {
        return List.of(new Forgery(null, null), new Forgery(null, fields), new Forgery("text/plain", fields),
                new Forgery("multipart/form-data; boundary=b", Arrays.stream(fields.split("&"))
                        .map(field -> "--b\r\nContent-Disposition: form-data; name=\"" + field.split("=")[0] + "\"\r\n\r\n"
                                + field.split("=", 2)[1] + "\r\n")
                        .reduce("", String::concat) + "--b--\r\n"),
                new Forgery("application/json", "{\"decision\":\"APPROVE\",\"comment\":\"forged\"}"),
                new Forgery("application/x-www-form-urlencoded", fields),
                // The CSRF filter reads a token only from the lower-case spelling; any other spelling is no form.
                new Forgery("APPLICATION/X-WWW-FORM-URLENCODED", fields),
                new Forgery("Application/X-Www-Form-Urlencoded; charset=UTF-8", ""),
                // A broken percent escape is no form either, wherever it is.
                new Forgery("application/x-www-form-urlencoded", fields + "&comment=%zz"),
                new Forgery("application/x-www-form-urlencoded", "csrf-token=%"));
    }

    @TestHTTPResource("/")
    URL base;

    private Browser signedIn(String user) throws Exception {
        Browser browser = new Browser(base.toURI());
        Page page = browser.logIn(browser.get("/requests"), user, true);
        assertEquals("/requests", page.uri().getPath(), page.body());
        return browser;
    }

    private static long create(Browser alice, String taskPolicy) {
        Page created = alice.submit(alice.get("/requests/new"), "/requests",
                Map.of("accountId", PROD, "taskPolicy", taskPolicy, "justification", "bucket policy locks out ops"));
        assertTrue(created.uri().getPath().matches("/requests/\\d+"), created.uri() + "\n" + created.body());
        return Long.parseLong(created.uri().getPath().substring("/requests/".length()));
    }

    private static String status(long id) {
        return TestUser.auditor().api().get("/api/v1/requests/" + id).then().statusCode(200).extract().path("status");
    }

    private static void attack(Browser browser, String path, String fields, Runnable nothingChanged) {
        for (Forgery forgery : forgeries(fields)) {
            Page answer = browser.send("POST", path, forgery.contentType(), forgery.body());
            assertEquals(400, answer.status(), "POST " + path + " " + forgery + " answered:\n" + answer.body());
            assertTrue(answer.has("Nothing was changed"), answer.body());
            nothingChanged.run();
        }
    }

    private static boolean stillSignedIn(Browser browser) {
        return browser.get("/requests").uri().getPath().equals("/requests");
    }

    @Test
    void noRootSessionStartsAndNothingIsCancelledWithoutTheForm() throws Exception {
        Browser alice = signedIn("alice");
        long id = create(alice, "S3UnlockBucketPolicy");
        Flows.approve(TestUser.approver(), id);
        Flows.approve(TestUser.approver(), id);
        int stsCalls = Sts.callsFor(PROD).size();

        attack(alice, "/requests/" + id + "/session", "x=1", () -> {
            assertEquals(stsCalls, Sts.callsFor(PROD).size(), "AssumeRoot was called");
            assertEquals("APPROVED", status(id));
        });
        attack(alice, "/requests/" + id + "/cancel", "x=1", () -> assertEquals("APPROVED", status(id)));

        // The page's own form still works.
        alice.submit(alice.get("/requests/" + id), "/requests/" + id + "/cancel", Map.of());
        assertEquals("CANCELLED", status(id));
    }

    @Test
    void noVoteIsCastWithoutTheForm() throws Exception {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        Browser bob = signedIn("bob");
        bob.get("/requests/" + id);

        attack(bob, "/requests/" + id + "/decision", "decision=APPROVE&comment=forged", () -> noDecisionOn(id));
    }

    @Test
    void aPlantedCsrfCookieWithTheSameValueInTheFormForgesNothing() throws Exception {
        long id = Flows.request(TestUser.engineer(), Flows.SANDBOX, "S3UnlockBucketPolicy");
        Browser bob = signedIn("bob");
        bob.get("/requests/" + id);
        // The double-submit forgery: a sibling subdomain sets the cookie, the forged form carries the same value.
        for (String planted : List.of("AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            bob.plantCookie("csrf-token", planted, "/requests/" + id);
            Page answer = bob.send("POST", "/requests/" + id + "/decision", "application/x-www-form-urlencoded",
                    "csrf-token=" + planted + "&decision=APPROVE&comment=forged");
            assertEquals(400, answer.status(), answer.body());
            noDecisionOn(id);
        }
    }

    private static void noDecisionOn(long id) {
        TestUser.auditor().api().get("/api/v1/requests/" + id).then().body("decisions.size()", equalTo(0));
    }

    @Test
    void nothingIsRequestedWithoutTheForm() throws Exception {
        Browser alice = signedIn("alice");
        long before = REQUEST_LINK.matcher(alice.get("/requests").body()).results().count();
        Runnable nothingCreated = () -> assertEquals(before,
                REQUEST_LINK.matcher(alice.get("/requests").body()).results().count(), "a request was created");
        attack(alice, "/requests", "accountId=" + PROD + "&taskPolicy=S3UnlockBucketPolicy&justification=forged",
                nothingCreated);

        // The API is bearer-only: the session cookie does not authenticate a JSON request there, however the path
        // is spelled.
        String json = "{\"accountId\":\"" + PROD + "\",\"taskPolicy\":\"S3UnlockBucketPolicy\",\"justification\":\"forged\"}";
        for (String path : List.of("/api/v1/requests", "/api;x=1/v1/requests", "/api/v1;x=1/requests",
                "/api/v1/requests/")) {
            Page api = alice.send("POST", path, "application/json", json);
            assertTrue(api.status() == 401 || api.status() == 400 || api.status() == 404, path + " " + api.status());
            nothingCreated.run();
        }
    }

    @Test
    void nobodyIsLoggedOutWithoutTheForm() throws Exception {
        Browser alice = signedIn("alice");
        attack(alice, "/reauth", "to=/&maxAge=300", () -> assertTrue(stillSignedIn(alice), "logged out by /reauth"));
        attack(alice, "/logout", "x=1", () -> assertTrue(stillSignedIn(alice), "logged out by /logout"));
    }
}
