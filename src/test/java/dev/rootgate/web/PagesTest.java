package dev.rootgate.web;

import static dev.rootgate.support.Flows.SANDBOX;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The pages drive the same services as the API: forms carry a CSRF token, MFA refusals send the browser to log in
 * again, and credentials are rendered once and never cached.
 */
@QuarkusTest
class PagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** A browser-like session: the page's CSRF cookie and token, posted back with the form. */
    record Form(String token, String cookie) {
        RequestSpecification post(String bearer) {
            return given().auth().oauth2(bearer).redirects().follow(false).cookie("csrf-token", cookie)
                    .contentType("application/x-www-form-urlencoded").formParam("csrf-token", token);
        }
    }

    static Form formOn(String bearer, String path) {
        Response page = given().auth().oauth2(bearer).get(path);
        page.then().statusCode(200);
        Matcher token = CSRF.matcher(page.asString());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + path);
        }
        return new Form(token.group(1), page.getCookie("csrf-token"));
    }

    private static long create(TestUser requester, String bearer) {
        String location = formOn(bearer, "/requests/new").post(bearer).formParam("accountId", SANDBOX)
                .formParam("taskPolicy", "S3UnlockBucketPolicy").formParam("justification", "bucket policy locks out ops")
                .post("/requests").then().statusCode(303).header("Location", containsString("/requests/")).extract()
                .header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theLongestJustificationInAnyScriptFitsInTheForm() {
        TestUser requester = TestUser.engineer();
        String justification = "根".repeat(2000);
        // As a browser sends it: UTF-8, percent-encoded, about 18 KB for this one field.
        String bearer = requester.token();
        String location = formOn(bearer, "/requests/new").post(bearer)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("accountId", SANDBOX)
                .formParam("taskPolicy", "S3UnlockBucketPolicy").formParam("justification", justification)
                .post("/requests").then().statusCode(303).extract().header("Location");
        requester.api().get("/api/v1" + location.substring(location.indexOf("/requests/"))).then()
                .body("justification", equalTo(justification));
    }

    @Test
    void newRequestPageShowsCatalogRiskAndDevMode() {
        given().auth().oauth2(TestUser.engineer().token()).get("/requests/new").then().statusCode(200)
                .body(containsString("DEV MODE")).body(containsString("444455556666"))
                .body(containsString("IAMCreateRootUserPassword")).body(containsString("CRITICAL"))
                .body(containsString("s3:DeleteBucketPolicy"))
                // An engineer is in no break-glass group: that choice is shown, disabled, with the reason.
                .body(containsString("value=\"IAMCreateRootUserPassword\" disabled"))
                .body(containsString("no rule lets your groups request it"));
    }

    @Test
    void newRequestFormSaysBeforeTypingWhatWillStandInTheWay() {
        TestUser engineer = TestUser.engineer();
        given().auth().oauth2(engineer.token()).get("/requests/new").then().statusCode(200)
                .body(not(containsString("id=\"mfa-notice\""))).body(not(containsString("id=\"cannot-request\"")))
                // Each account carries the task policies that may be requested on it, so the list can follow the choice.
                .body(containsString("value=\"" + SANDBOX + "\" data-task-policies=\"IAMAuditRootUserCredentials"));
        String stale = engineer.token("pwd,otp", Instant.now().minus(Duration.ofMinutes(30)));
        given().auth().oauth2(stale).get("/requests/new").then().statusCode(200)
                .body(containsString("id=\"mfa-notice\"")).body(containsString("older than"));
        String passwordOnly = engineer.token("pwd", Instant.now());
        given().auth().oauth2(passwordOnly).get("/requests/new").then().statusCode(200)
                // Logging in again the same way would not help: the page says what would.
                .body(containsString("You logged in without a second factor"))
                .body(containsString("set one up with your identity provider"));
        given().auth().oauth2(TestUser.auditor().token()).get("/requests/new").then().statusCode(200)
                .body(containsString("id=\"cannot-request\""));
    }

    @Test
    void pagesCannotBeFramedAndRunOnlyRootgatesOwnScripts() {
        given().auth().oauth2(TestUser.engineer().token()).get("/requests/new").then().statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void wholeFlowThroughThePages() {
        TestUser requester = TestUser.engineer();
        String requesterToken = requester.token();
        long id = create(requester, requesterToken);

        for (int i = 0; i < 2; i++) {
            String approverToken = TestUser.approver().token();
            given().auth().oauth2(approverToken).get("/approvals").then().body(containsString("/requests/" + id));
            // Everything needed to decide is on the page: who, where, the task policy, its risk and what it allows.
            given().auth().oauth2(approverToken).get("/requests/" + id).then().body(containsString("MEDIUM"))
                    .body(containsString("allows only: s3:DeleteBucketPolicy")).body(containsString("bucket policy locks out ops"));
            formOn(approverToken, "/requests/" + id).post(approverToken).formParam("decision", "APPROVE")
                    .formParam("comment", "fine").post("/requests/" + id + "/decision")
                    .then().statusCode(303).header("Location", endsWith("/requests/" + id));
        }

        given().auth().oauth2(requesterToken).get("/requests/" + id).then().body(containsString("id=\"start-session\""));
        Form form = formOn(requesterToken, "/requests/" + id);
        form.post(requesterToken).post("/requests/" + id + "/session").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body(containsString("export AWS_ACCESS_KEY_ID=ASIA")).body(containsString("export AWS_SECRET_ACCESS_KEY="))
                .body(containsString("aws_session_token = ")).body(containsString("[root-444455556666]"))
                .body(containsString("data-expires="));
        // A reload re-posts: it is told the credentials were shown once, and is not audited as an attempt.
        long refusalsBefore = AuditTrail.count(id, "refused", null);
        int stsCalls = Sts.callsFor(SANDBOX).size();
        form.post(requesterToken).post("/requests/" + id + "/session").then().statusCode(409)
                .body(containsString("id=\"shown-once\"")).body(containsString("rootgate does not keep them"))
                .body(not(containsString("AWS_SECRET_ACCESS_KEY")));
        assertEquals(refusalsBefore, AuditTrail.count(id, "refused", null));
        assertEquals(stsCalls, Sts.callsFor(SANDBOX).size(), "a reload never calls AssumeRoot");
    }

    @Test
    void formWithoutCsrfTokenIsRefusedAndCreatesNothing() {
        TestUser requester = TestUser.engineer();
        String token = requester.token();
        given().auth().oauth2(token).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("accountId", SANDBOX).formParam("taskPolicy", "S3UnlockBucketPolicy")
                .formParam("justification", "forged").post("/requests").then().statusCode(400);
        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(0));
    }

    @Test
    void staleMfaSendsTheBrowserToLogInAgainAndBack() {
        TestUser requester = TestUser.engineer();
        String stale = requester.token("pwd,otp", Instant.now().minus(Duration.ofMinutes(30)));
        formOn(stale, "/requests/new").post(stale).formParam("accountId", SANDBOX)
                .formParam("taskPolicy", "S3UnlockBucketPolicy").formParam("justification", "x")
                .post("/requests").then().statusCode(303)
                .header("Location", endsWith("/reauth?to=/requests/new&maxAge=900"));
    }

    @Test
    void reauthOnlyReturnsToPagesOfThisSiteAndNeedsAForm() {
        String token = TestUser.engineer().token();
        given().auth().oauth2(token).queryParam("to", "/requests/new").queryParam("maxAge", "300").get("/reauth")
                .then().statusCode(200).body(containsString("id=\"reauth-confirm\"")).body(containsString("5 minutes"));
        for (String hostile : new String[] { "https://evil.example/", "//evil.example/", "/\\evil.example" }) {
            formOn(token, "/reauth?to=/requests").post(token).formParam("to", hostile).formParam("maxAge", "300")
                    .post("/reauth").then().statusCode(303).header("Location", not(containsString("evil")))
                    .cookie("rootgate_reauth", "300");
        }
        // Without the form's CSRF token nobody is logged out.
        given().auth().oauth2(token).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("to", "/").post("/reauth").then().statusCode(400);
    }

    @Test
    void pagePostsTakeOnlyFormsSoTheCsrfCheckCannotBeSidestepped() {
        TestUser requester = TestUser.engineer();
        String token = requester.token();
        long id = create(requester, token);
        given().auth().oauth2(token).redirects().follow(false).contentType("text/plain").body("x")
                .post("/requests/" + id + "/cancel").then().statusCode(400);
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"));
    }

    @Test
    void requestOfSomeoneElseIsANotFoundPage() {
        long id = dev.rootgate.support.Flows.request(TestUser.engineer(), SANDBOX, "S3UnlockBucketPolicy");
        given().auth().oauth2(TestUser.engineer().token()).get("/requests/" + id).then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("not_found"))
                .body(not(containsString("bucket policy")));
    }

    @Test
    void reLoginAsksTheIdentityProviderForAFreshAuthentication() {
        given().redirects().follow(false).cookie("rootgate_reauth", "300").get("/requests/new")
                .then().statusCode(302).header("Location", containsString("/authorize?"))
                .header("Location", containsString("prompt=login")).header("Location", containsString("max_age=300"));
        given().redirects().follow(false).get("/requests/new")
                .then().statusCode(302).header("Location", not(containsString("prompt=login")));
    }

    @Test
    void staleMfaOnTheDetailPageOffersAFreshLoginInsteadOfTheButtons() {
        TestUser requester = TestUser.engineer();
        long id = dev.rootgate.support.Flows.approvedAuditRequest(requester);
        String tenMinutesOld = requester.token("pwd,otp", Instant.now().minus(Duration.ofMinutes(10)));
        given().auth().oauth2(tenMinutesOld).get("/requests/" + id).then().statusCode(200)
                .body(containsString("/reauth?to=/requests/" + id + "&maxAge=300"))
                .body(not(containsString("id=\"start-session\"")));
    }
}
