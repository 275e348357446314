package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * judy has no authenticator in Keycloak, so her tokens carry amr ["pwd"]. She may neither request nor approve, and
 * every place that would let her says so, and what to do: set up a second factor, then log in with it.
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class PasswordOnlyLoginIsToldWhyTest extends Journey {

    private static final String WHAT_TO_DO = "set one up with your identity provider";

    @Test
    void withoutASecondFactorNobodyRequestsOrApprovesAndThePagesSayWhatToDo() {
        ChromeDriver ivan = signIn(Person.named("ivan"), "/requests/new");
        fillRequest(ivan, "IAMAuditRootUserCredentials", "777788889999", "Audit log-archive's root user.", "");
        String request = submitRequest(ivan);

        ChromeDriver judy = signIn(Person.named("judy"), request);
        assertFalse(present(judy, "approve"), "a password-only login is offered Approve");
        assertTrue(text(judy, "decide-mfa").contains("without a second factor"), text(judy, "decide-mfa"));
        assertTrue(text(judy, "decide-mfa").contains(WHAT_TO_DO), text(judy, "decide-mfa"));

        judy.get(rootgate + "/requests/new");
        assertTrue(text(judy, "mfa-notice").contains(WHAT_TO_DO), text(judy, "mfa-notice"));
        fillRequest(judy, "IAMAuditRootUserCredentials", "111122223333", "Let me in.", "");
        judy.findElement(By.id("submit-request")).click();
        waitFor(judy, ExpectedConditions.visibilityOfElementLocated(By.id("reauth-confirm")));
        assertTrue(judy.findElement(By.tagName("main")).getText().contains(WHAT_TO_DO),
                "the re-login page does not say that logging in the same way again will not help");

        judy.get(rootgate + "/requests");
        assertTrue(judy.findElement(By.tagName("main")).getText().contains("You have not requested anything yet"),
                "a password-only login created a request");
    }
}
