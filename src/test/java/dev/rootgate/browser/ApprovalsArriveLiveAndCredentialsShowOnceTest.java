package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The main journey, as three people do it in three browsers: alice asks, bob and carol approve, and alice, who keeps
 * the request page open, sees each approval arrive without reloading; she starts the session, sees the credentials
 * once with a countdown, and a reload does not show them again. A live update keeps her keyboard focus where it was.
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class ApprovalsArriveLiveAndCredentialsShowOnceTest extends Journey {

    private static final Pattern SECRET = Pattern.compile("AWS_SECRET_ACCESS_KEY=(\\S+)");

    @Test
    void approvalsArriveWithoutReloadAndCredentialsAreShownOnce() throws InterruptedException {
        ChromeDriver alice = signIn(Person.named("alice"), "/requests/new");
        fillRequest(alice, "IAMAuditRootUserCredentials", "111122223333", "Audit the root credentials after INC-7.",
                "INC-7");
        String request = submitRequest(alice);
        assertTrue(text(alice, "approvals").startsWith("0 of 2"), text(alice, "approvals"));
        markDocument(alice);

        approve(signIn(Person.named("bob"), request));
        waitFor(alice, ExpectedConditions.textToBePresentInElementLocated(By.id("approvals"), "1 of 2"));
        assertTrue(sameDocument(alice), "the first approval arrived by reloading the page");

        // A keyboard user on the cancel button stays on it when the actions are swapped for the approved ones.
        alice.executeScript("document.getElementById('cancel').focus()");
        approve(signIn(Person.named("carol"), request));
        waitFor(alice, ExpectedConditions.textToBe(By.id("status"), "APPROVED"));
        waitFor(alice, ExpectedConditions.elementToBeClickable(By.id("start-session")));
        assertEquals("cancel", alice.executeScript("return document.activeElement.id"),
                "the live update dropped the keyboard focus");
        assertTrue(text(alice, "approvals").startsWith("2 of 2"), text(alice, "approvals"));
        assertTrue(sameDocument(alice), "the second approval arrived by reloading the page");

        alice.findElement(By.id("start-session")).click();
        String exports = waitFor(alice, ExpectedConditions.visibilityOfElementLocated(By.id("exports"))).getText();
        Matcher secret = SECRET.matcher(exports);
        assertTrue(secret.find(), exports);
        waitFor(alice, ExpectedConditions.textMatches(By.id("countdown"), Pattern.compile("1[45]:[0-9]{2} left")));
        String firstTick = text(alice, "countdown");
        Thread.sleep(1500);
        assertNotEquals(firstTick, text(alice, "countdown"), "the countdown does not count");

        alice.navigate().refresh();
        acceptResubmission(alice);
        waitFor(alice, ExpectedConditions.visibilityOfElementLocated(By.id("shown-once")));
        assertFalse(alice.getPageSource().contains(secret.group(1)), "a reload showed the secret key again");
        assertTrue(text(alice, "shown-once").contains("rootgate does not keep them"), text(alice, "shown-once"));
    }

    private static void approve(WebDriver approver) {
        approver.findElement(By.id("comment")).sendKeys("Matches INC-7.");
        approver.findElement(By.id("approve")).click();
        waitFor(approver, ExpectedConditions.visibilityOfElementLocated(By.id("my-verdict")));
    }

    /** Reloading a page that answered a form asks whether to send the form again; a person says yes. */
    private static void acceptResubmission(WebDriver browser) {
        try {
            browser.switchTo().alert().accept();
        } catch (NoAlertPresentException none) {
            // Chromium re-posted without asking
        }
    }
}
