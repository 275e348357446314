package dev.rootgate.browser;

import java.time.Duration;
import java.util.function.Function;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every browser journey shares: rootgate's address (the one Keycloak redirects back to), a browser per person
 * signed in through Keycloak, and the few moves people make on rootgate's forms.
 */
abstract class Journey {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    @ConfigProperty(name = "rootgate.base-url")
    String rootgate;

    /** A fresh browser for this person: they open the page, log in at Keycloak, and land on it. */
    ChromeDriver signIn(Person person, String path) {
        ChromeDriver browser = browsers.open(person.username());
        browser.get(rootgate + path);
        person.logIn(browser, rootgate);
        waitFor(browser, ExpectedConditions.urlToBe(rootgate + path));
        return browser;
    }

    /** Fills in the new-request form as typed by hand; the task policy first, since it narrows the accounts. */
    static void fillRequest(WebDriver browser, String taskPolicy, String accountId, String justification, String ticket) {
        browser.findElement(By.cssSelector("input[name=taskPolicy][value=" + taskPolicy + "]")).click();
        new Select(browser.findElement(By.id("accountId"))).selectByValue(accountId);
        browser.findElement(By.id("justification")).sendKeys(justification);
        browser.findElement(By.id("ticket")).sendKeys(ticket);
    }

    /** Submits the new-request form and answers the path of the request page it lands on. */
    String submitRequest(WebDriver browser) {
        browser.findElement(By.id("submit-request")).click();
        waitFor(browser, ExpectedConditions.urlMatches("/requests/[0-9]+$"));
        return browser.getCurrentUrl().substring(rootgate.length());
    }

    static <T> T waitFor(WebDriver browser, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).until(condition);
    }

    /** Marks the document the browser shows now: the mark is gone after any reload or navigation. */
    static void markDocument(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.rootgateJourneyMark = 'still this document';");
    }

    static boolean sameDocument(WebDriver browser) {
        return "still this document".equals(((JavascriptExecutor) browser).executeScript("return window.rootgateJourneyMark;"));
    }

    static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static boolean present(WebDriver browser, String id) {
        return !browser.findElements(By.id(id)).isEmpty();
    }
}
