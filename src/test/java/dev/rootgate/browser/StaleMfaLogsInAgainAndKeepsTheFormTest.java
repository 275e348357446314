package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import dev.rootgate.support.ShiftableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * alice's Keycloak login is older than requesting allows (rootgate's clock is moved 20 minutes on: Keycloak's
 * auth_time stays real). The page warns before she types; she types anyway and submits; rootgate sends her to
 * Keycloak with prompt=login and max_age, she types her password and a fresh code, and lands on the form as she
 * left it, now accepted.
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class StaleMfaLogsInAgainAndKeepsTheFormTest extends Journey {

    private static final String JUSTIFICATION = "Rotate nothing; list the root user's credentials for the PCI audit.";

    @Inject
    ShiftableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aStaleLoginGoesToKeycloakAndComesBackToTheSameForm() {
        Person alicePerson = Person.named("alice");
        ChromeDriver alice = signIn(alicePerson, "/requests/new");
        clock.shiftTo(Instant.now().plus(Duration.ofMinutes(20)));
        alice.navigate().refresh();
        assertTrue(text(alice, "mfa-notice").contains("older than 15 minutes"), text(alice, "mfa-notice"));

        fillRequest(alice, "IAMAuditRootUserCredentials", "222233334444", JUSTIFICATION, "CHG-2041");
        alice.findElement(By.id("submit-request")).click();
        waitFor(alice, ExpectedConditions.visibilityOfElementLocated(By.id("reauth-confirm")));
        clock.reset();

        alice.findElement(By.id("reauth-confirm")).click();
        waitFor(alice, ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        String atKeycloak = alice.getCurrentUrl();
        assertTrue(atKeycloak.contains("prompt=login") && atKeycloak.contains("max_age=900"), atKeycloak);
        alicePerson.logIn(alice, rootgate);

        waitFor(alice, ExpectedConditions.urlToBe(rootgate + "/requests/new"));
        waitFor(alice, ExpectedConditions.attributeToBe(By.id("justification"), "value", JUSTIFICATION));
        assertEquals("CHG-2041", alice.findElement(By.id("ticket")).getDomProperty("value"));
        assertEquals("222233334444", new Select(alice.findElement(By.id("accountId"))).getFirstSelectedOption()
                .getDomProperty("value"));
        assertTrue(alice.findElement(By.cssSelector("input[name=taskPolicy][value=IAMAuditRootUserCredentials]"))
                .isSelected(), "the chosen task policy was lost");
        assertFalse(present(alice, "mfa-notice"), "a fresh login still gets the stale-MFA warning");

        submitRequest(alice);
        assertEquals("PENDING", text(alice, "status"));
        assertEquals(JUSTIFICATION, text(alice, "justification"));
    }
}
