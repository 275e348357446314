package dev.rootgate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A site whose public URL is https — production, behind a proxy that ends TLS, so requests arrive over plain
 * HTTP — never sends a cookie that a browser would send back in clear, and every answer carries HSTS.
 */
@QuarkusTest
@TestProfile(HttpsSiteTest.Https.class)
class HttpsSiteTest {

    public static class Https implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rootgate.base-url", "https://rootgate.example.test");
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private static void allSecure(Response answer) {
        List<String> cookies = answer.headers().getValues("Set-Cookie");
        assertTrue(!cookies.isEmpty(), "no cookie set");
        for (String cookie : cookies) {
            assertTrue(cookie.matches("(?i).*;\\s*Secure(;.*|$)"), "not Secure: " + cookie);
        }
    }

    @Test
    void theLoginRedirectSetsOnlySecureCookiesAndComesBackOverHttps() {
        Response login = given().redirects().follow(false).get("/requests");
        login.then().statusCode(302).header("Strict-Transport-Security", containsString("max-age="))
                .header("Location", containsString("redirect_uri=https"));
        allSecure(login);
    }

    @Test
    void pagesFormsAndTheReLoginMarkerSetOnlySecureCookies() {
        String token = TestUser.engineer().token();
        Response page = given().auth().oauth2(token).get("/requests/new");
        page.then().statusCode(200).header("Strict-Transport-Security", containsString("max-age="))
                .header("Cache-Control", "no-store");
        allSecure(page);
        // A __Host- cookie cannot be set by a sibling subdomain, nor over plain HTTP.
        String cookieName = page.getCookies().keySet().iterator().next();
        assertTrue(cookieName.startsWith("__Host-"), cookieName);

        Matcher csrf = CSRF.matcher(page.asString());
        assertTrue(csrf.find());
        Response reauth = given().auth().oauth2(token).redirects().follow(false)
                .cookie(cookieName, page.getCookie(cookieName)).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf.group(1)).formParam("to", "/requests").formParam("maxAge", "300")
                .post("/reauth");
        reauth.then().statusCode(303).header("Strict-Transport-Security", containsString("max-age="));
        allSecure(reauth);
        assertTrue(reauth.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("rootgate_reauth=300;")),
                reauth.headers().toString());
    }

    @Test
    void logoutReturnsToThePublicHttpsAddress() {
        String token = TestUser.engineer().token();
        Response page = given().auth().oauth2(token).get("/requests/new");
        String cookieName = page.getCookies().keySet().iterator().next();
        Matcher csrf = CSRF.matcher(page.asString());
        assertTrue(csrf.find());
        given().auth().oauth2(token).redirects().follow(false).cookie(cookieName, page.getCookie(cookieName))
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf.group(1))
                .post("/logout").then().statusCode(303)
                .header("Location", containsString("post_logout_redirect_uri=https%3A%2F%2Frootgate.example.test%2Flogged-out"));
    }

    @Test
    void everyAnswerCarriesHsts() {
        for (String path : List.of("/static/rootgate.css", "/logged-out", "/api/v1/me")) {
            given().redirects().follow(false).get(path).then()
                    .header("Strict-Transport-Security", equalTo(Transport.HSTS));
        }
        given().auth().oauth2(TestUser.engineer().token()).get("/api/v1/me").then().statusCode(200)
                .headers(Map.of("Strict-Transport-Security", Transport.HSTS));
    }
}
