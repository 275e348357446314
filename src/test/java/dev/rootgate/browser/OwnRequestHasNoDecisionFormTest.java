package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * ivan both requests and approves (platform-engineers and security-oncall). On his own request the page offers no
 * decision, and a decision forged in his signed-in browser (his session cookie goes along) changes nothing: without
 * the form token the CSRF check refuses it, with the token the rule does.
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class OwnRequestHasNoDecisionFormTest extends Journey {

    @Test
    void anApproverCannotDecideTheirOwnRequestFromTheBrowser() {
        ChromeDriver ivan = signIn(Person.named("ivan"), "/requests/new");
        fillRequest(ivan, "IAMAuditRootUserCredentials", "444455556666", "Check the sandbox root user's keys.", "");
        String request = submitRequest(ivan);

        assertFalse(present(ivan, "decide"), "his own request offers ivan a decision");
        assertFalse(present(ivan, "approve"), "his own request offers ivan an Approve button");

        String token = ivan.findElement(By.cssSelector("input[name=csrf-token]")).getDomProperty("value");
        assertEquals(400L, forgedPost(ivan, request + "/decision", "decision=APPROVE&comment=mine"),
                "a cross-site POST without the form token");
        assertEquals(403L, forgedPost(ivan, request + "/decision", "decision=APPROVE&comment=mine&csrf-token=" + token),
                "an approval of one's own request with the form token");

        ivan.navigate().refresh();
        assertEquals("PENDING", text(ivan, "status"));
        assertTrue(text(ivan, "approvals").startsWith("0 of 2"), text(ivan, "approvals"));
        assertFalse(present(ivan, "decisions"), "a forged decision was recorded");
    }

    /** A form POST made by script in the signed-in page: the browser sends its cookies along. */
    private static Object forgedPost(WebDriver browser, String path, String body) {
        return ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', credentials: 'include', redirect: 'manual',
                        headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: arguments[1]})
                    .then(function (answer) { done(answer.status); }, function (error) { done(String(error)); });
                """, path, body);
    }
}
