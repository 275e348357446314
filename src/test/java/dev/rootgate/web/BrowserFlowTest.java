package dev.rootgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The README's walk-through over the real OIDC code flow: the dev identity provider's login page, ID tokens with
 * amr and auth_time, session cookies, CSRF-protected forms — and a stale login sent back through prompt=login.
 */
@QuarkusTest
class BrowserFlowTest {

    private static final String SANDBOX = "444455556666";

    @TestHTTPResource("/")
    URL base;

    private Page signedIn(Browser browser, String path, String user, boolean mfa) {
        Page login = browser.get(path);
        assertTrue(login.has("DEV MODE") && login.uri().getPath().equals("/authorize"), "login page expected: " + login.uri());
        Page page = browser.logIn(login, user, mfa);
        assertEquals(path, page.uri().getPath(), "back on the page asked for");
        return page;
    }

    @Test
    void requesterAsksTwoApproversApproveRequesterGetsCredentialsOnce() throws Exception {
        Browser alice = new Browser(base.toURI());
        Page form = signedIn(alice, "/requests/new", "alice", true);
        assertTrue(form.has("DEV MODE"), "every page says DEV MODE");
        Page created = alice.submit(form, "/requests", Map.of("accountId", SANDBOX, "taskPolicy", "S3UnlockBucketPolicy",
                "justification", "logs bucket policy denies everyone"));
        assertEquals(200, created.status(), created.body());
        String path = created.uri().getPath();
        assertTrue(path.matches("/requests/\\d+"), path);
        assertTrue(created.has("id=\"status\">PENDING"));

        for (String approver : new String[] { "bob", "carol" }) {
            Browser browser = new Browser(base.toURI());
            Page detail = signedIn(browser, path, approver, true);
            Page decided = browser.submit(detail, path + "/decision", Map.of("decision", "APPROVE", "comment", "ok"));
            assertTrue(decided.has("You decided: <strong>APPROVE</strong>"), decided.body());
        }

        Page approved = alice.get(path);
        assertTrue(approved.has("id=\"status\">APPROVED"), approved.body());
        Page credentials = alice.submit(approved, path + "/session", Map.of());
        assertTrue(credentials.has("export AWS_SECRET_ACCESS_KEY=") && credentials.has("aws_session_token = "),
                credentials.body());
        Page again = alice.submit(approved, path + "/session", Map.of());
        assertEquals(409, again.status());
        assertTrue(!again.has("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    void passwordOnlyLoginIsSentBackToTheIdentityProviderForAFreshMfaLogin() throws Exception {
        Browser alice = new Browser(base.toURI());
        Page form = signedIn(alice, "/requests/new", "alice", false);
        assertTrue(form.has("no MFA"));

        Page explained = alice.submit(form, "/requests", Map.of("accountId", SANDBOX, "taskPolicy", "SQSUnlockQueuePolicy",
                "justification", "queue policy locked"));
        assertEquals("/reauth", explained.uri().getPath(), explained.body());
        Page login = alice.submit(explained, "/reauth", Map.of());
        URI authorize = login.uri();
        assertEquals("/authorize", authorize.getPath());
        assertTrue(authorize.getQuery().contains("prompt=login") && authorize.getQuery().contains("max_age=900"),
                authorize.toString());

        Page back = alice.logIn(login, "alice", true);
        assertEquals("/requests/new", back.uri().getPath());
        Page created = alice.submit(back, "/requests", Map.of("accountId", SANDBOX, "taskPolicy", "SQSUnlockQueuePolicy",
                "justification", "queue policy locked"));
        assertTrue(created.uri().getPath().matches("/requests/\\d+"), created.uri() + "\n" + created.body());
    }
}
