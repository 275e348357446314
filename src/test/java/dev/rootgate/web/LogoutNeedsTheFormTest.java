package dev.rootgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A link or an image on any page could make the browser GET /logout: that logs nobody out. The header's Log out
 * button (a form with the page's CSRF token) does, at the identity provider too, and says so; the pages seen
 * before are not kept by the browser, so Back shows nothing.
 */
@QuarkusTest
class LogoutNeedsTheFormTest {

    @TestHTTPResource("/")
    URL base;

    private Browser signedIn() throws Exception {
        Browser browser = new Browser(base.toURI());
        Page page = browser.logIn(browser.get("/requests"), "dave", true);
        assertEquals("/requests", page.uri().getPath(), page.body());
        return browser;
    }

    private static boolean signedIn(Browser browser) {
        return browser.get("/requests").uri().getPath().equals("/requests");
    }

    @Test
    void aLinkToLogoutLogsNobodyOut() throws Exception {
        Browser dave = signedIn();
        Page answer = dave.get("/logout");
        assertTrue(answer.status() >= 400, answer.status() + " " + answer.uri());
        assertTrue(signedIn(dave), "GET /logout logged the user out");
    }

    @Test
    void theLogoutButtonEndsTheSessionAndSaysSo() throws Exception {
        Browser dave = signedIn();
        Page requests = dave.get("/requests?all=true");
        assertEquals("no-store", requests.header("Cache-Control"));
        assertTrue(requests.has("id=\"logout\""), requests.body());

        Page loggedOut = dave.submit(requests, "/logout", Map.of());
        assertEquals(200, loggedOut.status(), loggedOut.body());
        assertEquals("/logged-out", loggedOut.uri().getPath());
        assertTrue(loggedOut.has("You are logged out"), loggedOut.body());
        assertEquals("no-store", loggedOut.header("Cache-Control"));

        Page again = dave.get("/requests?all=true");
        assertEquals("/authorize", again.uri().getPath(), "still signed in after logout: " + again.uri());
    }

    @Test
    void logoutClearsTheFormCookieAndTheNextLoginGetsAnotherToken() throws Exception {
        Browser dave = signedIn();
        Page before = dave.get("/requests");
        String token = Browser.hidden(before, "csrf-token");
        String cookie = dave.cookie("csrf-token");
        Page loggedOut = dave.submit(before, "/logout", Map.of());
        assertEquals("/logged-out", loggedOut.uri().getPath());
        assertNotEquals(cookie, cookieOrNone(dave), "the form cookie outlived the logout");

        Thread.sleep(1100); // the next login is in another second, as any real one is
        Page after = dave.logIn(dave.get("/requests"), "dave", true);
        assertEquals("/requests", after.uri().getPath(), after.body());
        assertNotEquals(token, Browser.hidden(after, "csrf-token"), "a new login got the old form token");
        Page stale = dave.send("POST", "/logout", "application/x-www-form-urlencoded", "csrf-token=" + token);
        assertEquals(400, stale.status(), "a form token of the last login was taken");
    }

    private static String cookieOrNone(Browser browser) {
        try {
            return browser.cookie("csrf-token");
        } catch (AssertionError none) {
            return "";
        }
    }
}
