package dev.rootgate.identity;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who the caller is and how they logged in come from signed claims, and a signed claim can still be absent or
 * absurd: no subject is nobody (401), and an auth_time that is not a plausible instant is no MFA evidence.
 */
@QuarkusTest
class IdentityClaimsTest {

    static Stream<Arguments> subjectless() {
        return Stream.of(Arguments.of("no sub", "{\"sub\":null}"), Arguments.of("empty sub", "{\"sub\":\"\"}"),
                Arguments.of("blank sub", "{\"sub\":\"   \"}"), Arguments.of("numeric sub", "{\"sub\":42}"),
                Arguments.of("sub with a line break", "{\"sub\":\"alice\\nbob\"}"),
                Arguments.of("sub that looks like another with a no-break space", "{\"sub\":\"alice\\u00a0\"}"),
                Arguments.of("sub longer than OpenID Connect allows", "{\"sub\":\"" + "a".repeat(256) + "\"}"),
                Arguments.of("the subject rootgate's scheduled work is audited as", "{\"sub\":\"rootgate\"}"));
    }

    @ParameterizedTest(name = "{0} → 401")
    @MethodSource("subjectless")
    void tokenThatNamesNobodyIsUnauthenticated(String name, String claims) {
        String token = TestUser.engineer().tokenWithClaims(claims);
        TestUser user = TestUser.engineer();
        // A sub that is not a string already fails the token library's verification (a bare 401 from quarkus-oidc).
        user.api(token).get("/api/v1/me").then().statusCode(401);
        user.api(token).get("/api/v1/catalog").then().statusCode(401);
        user.api(token).get("/api/v1/requests").then().statusCode(401);
        user.api(token).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(401);
        given().auth().oauth2(token).redirects().follow(false).get("/requests/new").then().statusCode(401);
        given().auth().oauth2(token).redirects().follow(false).get("/approvals").then().statusCode(401);
    }

    @Test
    void twoPeopleWithEmptySubjectsAreNotTheSameRequester() {
        TestUser alice = TestUser.engineer();
        TestUser mallory = TestUser.engineer();
        alice.api(alice.tokenWithClaims("{\"sub\":\"\"}")).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(401).body("error", equalTo("unauthenticated"));
        mallory.api(mallory.tokenWithClaims("{\"sub\":\"\"}")).get("/api/v1/requests?mine=true").then().statusCode(401);
    }

    static Stream<Arguments> implausibleAuthTimes() {
        long now = Instant.now().getEpochSecond();
        String wrapsToNow = BigInteger.TWO.pow(64).add(BigInteger.valueOf(now)).toString();
        return Stream.of(
                Arguments.of("2^64 + now (wraps to now as a long)", wrapsToNow),
                Arguments.of("2^63 (one past Long.MAX_VALUE)", BigInteger.TWO.pow(63).toString()),
                Arguments.of("Long.MAX_VALUE (beyond Instant)", Long.toString(Long.MAX_VALUE)),
                Arguments.of("a 40-digit number", "1" + "0".repeat(39)),
                Arguments.of("1e30", "1e30"),
                Arguments.of("now as a decimal", now + ".5"),
                Arguments.of("now as a string", "\"" + now + "\""),
                Arguments.of("negative", "-" + now),
                Arguments.of("zero", "0"),
                Arguments.of("boolean", "true"),
                Arguments.of("an array holding now", "[" + now + "]"),
                Arguments.of("missing", "null"),
                Arguments.of("an hour in the future", Long.toString(now + 3600)));
    }

    @ParameterizedTest(name = "auth_time {0} → mfa_required")
    @MethodSource("implausibleAuthTimes")
    void implausibleAuthTimeIsNoMfaEvidence(String name, String authTime) {
        TestUser requester = TestUser.engineer();
        String token = requester.tokenWithClaims("{\"auth_time\":" + authTime + "}");
        requester.api(token).get("/api/v1/me").then().statusCode(200).body("mfa.multiFactor", equalTo(false));
        requester.api(token).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(403).body("error", equalTo("mfa_required"));
    }

    @Test
    void missingAuthTimeWithAnMfaMethodIsRequiredNotStale() {
        TestUser requester = TestUser.engineer();
        String token = requester.tokenWithClaims("{\"auth_time\":null,\"amr\":[\"pwd\",\"otp\"]}");
        requester.api(token).get("/api/v1/me").then().statusCode(200).body("mfa.authTime", nullValue());
        requester.api(token).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(403).body("error", equalTo("mfa_required"));
    }

    @Test
    void usernameIsShownBesideTheFreeTextName() {
        TestUser requester = TestUser.engineer();
        String token = requester.tokenWithClaims("{\"name\":\"Security Team Lead\",\"preferred_username\":null,"
                + "\"email\":\"" + requester.subject() + "@example.com\"}");
        requester.api(token).get("/api/v1/me").then().body("name", equalTo("Security Team Lead"))
                .body("username", equalTo(requester.subject() + "@example.com"));
        long id = requester.api(token).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(201)
                .body("requesterName", equalTo("Security Team Lead"))
                .body("requesterUsername", equalTo(requester.subject() + "@example.com"))
                .extract().jsonPath().getLong("id");
        TestUser approver = TestUser.approver();
        Flows.approve(approver, id);
        requester.api(token).get("/api/v1/requests/" + id).then()
                .body("decisions[0].approverUsername", equalTo(approver.subject()))
                .body("timeline[0].actorUsername", equalTo(requester.subject() + "@example.com"));
        given().auth().oauth2(token).get("/requests/" + id).then().statusCode(200)
                .body(containsString("Security Team Lead <code class=\"username\">" + requester.subject() + "@example.com</code>"))
                .body(containsString("<code class=\"username\">" + approver.subject() + "</code>"));
        given().auth().oauth2(token).get("/requests?mine=true").then().statusCode(200)
                .body(containsString("<code class=\"username\">" + requester.subject() + "@example.com</code>"));
    }

    @Test
    void nameThatHidesOrReordersCharactersIsNotShown() {
        TestUser requester = TestUser.engineer();
        String token = requester.tokenWithClaims("{\"name\":\"Alice \\u202EnimdA\"}");
        requester.api(token).get("/api/v1/me").then().body("name", equalTo(requester.subject()));
    }

    /**
     * The groups last seen are ordered by the token's iat: a token from the future would outrank every genuine later
     * one, and keep the groups of a person removed from them (a vote that still counts) until that time.
     */
    @Test
    void tokenIssuedInTheFutureIsUnauthenticated() {
        TestUser approver = TestUser.approver();
        long now = Instant.now().getEpochSecond();
        approver.api(approver.tokenWithClaims("{\"iat\":" + (now + 3000) + "}")).get("/api/v1/me").then()
                .statusCode(401).body("error", equalTo("unauthenticated")).body("message", containsString("iat"));
        // Clocks that disagree by less than the leeway are not an attack.
        approver.api(approver.tokenWithClaims("{\"iat\":" + (now + 60) + "}")).get("/api/v1/me").then().statusCode(200);
    }

    /** A method name with a NUL or a bidi control proves nothing, and would reach columns and audit events. */
    @Test
    void mfaMethodThatCannotBePrintedIsDropped() {
        TestUser requester = TestUser.engineer();
        String token = requester.tokenWithClaims("{\"amr\":[\"pwd\",\"otp\",\"\\u0000\",\"x\\u202Ey\"]}");
        requester.api(token).get("/api/v1/me").then().statusCode(200)
                .body("mfa.methods", equalTo(java.util.List.of("pwd", "otp"))).body("mfa.multiFactor", equalTo(true));
        long id = requester.api(token).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        requester.api(token).get("/api/v1/requests/" + id).then().body("timeline[0].details", containsString("\"mfaMethods\":\"pwd,otp\""));
    }

    @Test
    void namesAreShownWithoutTheSpacesAroundThem() {
        TestUser requester = TestUser.engineer();
        String token = requester.tokenWithClaims("{\"name\":\"  Alice Admin \",\"preferred_username\":\" alice \"}");
        requester.api(token).get("/api/v1/me").then().body("name", equalTo("Alice Admin"))
                .body("username", equalTo("alice"));
    }

    @Test
    void blankNameIsNoName() {
        TestUser requester = TestUser.engineer();
        String token = requester.tokenWithClaims("{\"name\":\"   \",\"preferred_username\":\"  \",\"email\":null}");
        requester.api(token).get("/api/v1/me").then().body("name", equalTo(requester.subject()))
                .body("username", equalTo(requester.subject()));
    }
}
