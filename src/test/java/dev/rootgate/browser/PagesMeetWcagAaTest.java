package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every main page, as each role sees it, meets WCAG 2.1 AA as far as a script can tell (WcagAudit: language, title,
 * one h1, named fields, buttons and links, text contrast, a visible focus on everything the Tab key reaches, and
 * every control reached), and can be used with the keyboard alone: bob approves without a mouse. On the way the
 * approver's queue shows a new request without a reload, times show in the browser's zone with UTC on hover, and
 * the main pages are photographed (Screenshots, the credentials blurred).
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class PagesMeetWcagAaTest extends Journey {

    private final List<String> violations = new ArrayList<>();

    @Test
    void everyMainPageMeetsWcagAaForEveryRole() {
        ChromeDriver alice = signIn(Person.named("alice"), "/requests/new");
        check(alice, "new-request", true);
        fillRequest(alice, "IAMAuditRootUserCredentials", "444455556666", "Rotate the sandbox root user's keys (INC-9).",
                "INC-9");
        String first = submitRequest(alice);

        ChromeDriver bob = signIn(Person.named("bob"), first);
        check(bob, "request-decide", false);
        approveWithTheKeyboardOnly(bob);
        ChromeDriver carol = signIn(Person.named("carol"), first);
        carol.findElement(By.id("approve")).click();
        waitFor(carol, ExpectedConditions.visibilityOfElementLocated(By.id("my-verdict")));

        waitFor(alice, ExpectedConditions.elementToBeClickable(By.id("start-session"))).click();
        waitFor(alice, ExpectedConditions.visibilityOfElementLocated(By.id("exports")));
        check(alice, "credentials", false);
        Screenshots.blurSecrets(alice);
        Screenshots.take(alice, "credentials");

        carol.get(rootgate + "/approvals");
        markDocument(carol);
        alice.get(rootgate + "/requests/new");
        fillRequest(alice, "IAMAuditRootUserCredentials", "777788889999", "Audit log-archive's root user (CHG-311).",
                "CHG-311");
        String second = submitRequest(alice);
        String row = "request-" + second.substring(second.lastIndexOf('/') + 1);
        waitFor(carol, ExpectedConditions.presenceOfElementLocated(By.id(row)));
        assertTrue(sameDocument(carol), "the new request reached the queue by reloading it");
        waitFor(carol, ExpectedConditions.textToBePresentInElementLocated(By.id("live-news"), "for your decision"));

        bob.get(rootgate + second);
        bob.findElement(By.id("comment")).sendKeys("Fine by me.");
        bob.findElement(By.id("approve")).click();
        waitFor(bob, ExpectedConditions.visibilityOfElementLocated(By.id("my-verdict")));
        waitFor(alice, ExpectedConditions.textToBePresentInElementLocated(By.id("approvals"), "1 of 2"));
        timesShowInTheBrowsersZone(alice);
        check(alice, "request-pending", true);
        waitFor(carol, ExpectedConditions.textToBePresentInElementLocated(By.id(row), "1 / 2"));
        check(carol, "approver-queue", true);
        liveUpdatesSayWhenTheyCannotReachRootgateAndCatchUp(carol);

        alice.get(rootgate + "/requests");
        check(alice, "my-requests", false);
        bob.get(rootgate + "/approvals/decided");
        check(bob, "decided-by-me", false);
        ChromeDriver dave = signIn(Person.named("dave"), "/audit");
        check(dave, "audit", true);
        dave.get(rootgate + "/findings");
        check(dave, "findings", true);
        check(signIn(Person.named("erin"), "/admin"), "admin", false);

        assertTrue(violations.isEmpty(), violations.size() + " WCAG AA violations:\n  " + String.join("\n  ", violations));
    }

    private void check(ChromeDriver browser, String page, boolean screenshot) {
        if (screenshot) {
            Screenshots.take(browser, page);
        }
        violations.addAll(WcagAudit.of(browser, page));
    }

    /** From the top of the page: Tab to the comment, type it, Tab to Approve, Enter. */
    private static void approveWithTheKeyboardOnly(ChromeDriver bob) {
        bob.navigate().refresh();
        tabTo(bob, "comment");
        new Actions(bob).sendKeys("Checked INC-9 with the on-call.").perform();
        tabTo(bob, "approve");
        new Actions(bob).sendKeys(Keys.ENTER).perform();
        waitFor(bob, ExpectedConditions.visibilityOfElementLocated(By.id("my-verdict")));
    }

    private static void tabTo(WebDriver browser, String id) {
        for (int step = 0; step < 60; step++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            if (id.equals(browser.switchTo().activeElement().getDomAttribute("id"))) {
                return;
            }
        }
        throw new AssertionError("#" + id + " is not reached with the Tab key");
    }

    /** The browser runs in America/New_York (Chromium): each time reads in that zone, with UTC in its title. */
    private static void timesShowInTheBrowsersZone(WebDriver browser) {
        List<WebElement> times = browser.findElements(By.cssSelector("#live-head time"));
        assertTrue(!times.isEmpty(), "no time on the request page");
        waitFor(browser, ExpectedConditions.attributeToBe(times.get(0), "data-local", "true"));
        for (WebElement time : times) {
            assertTrue(time.getText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} E[SD]T"), time.getText());
            assertTrue(time.getDomAttribute("title").endsWith(" UTC"), time.getDomAttribute("title"));
        }
    }

    /** A failed poll neither freezes the page silently nor ends the live updates: it says so and tries again. */
    private static void liveUpdatesSayWhenTheyCannotReachRootgateAndCatchUp(ChromeDriver browser) {
        // The network fails for the state's polls only, as fetch fails offline; then it is back.
        browser.executeScript("window.realFetch = window.fetch; window.fetch = function (url, options) {"
                + " return String(url).indexOf('/approvals/state') >= 0 ? Promise.reject(new TypeError('offline'))"
                + " : window.realFetch(url, options); };");
        WebElement paused = waitFor(browser, ExpectedConditions.visibilityOfElementLocated(By.id("live-trouble")));
        assertTrue(paused.getText().startsWith("Live updates paused"), paused.getText());
        browser.executeScript("window.fetch = window.realFetch;");
        waitFor(browser, ExpectedConditions.invisibilityOfElementLocated(By.id("live-trouble")));
    }
}
