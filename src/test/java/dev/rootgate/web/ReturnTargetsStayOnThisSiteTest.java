package dev.rootgate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The re-login page's "Not now" link and its POST's redirect go only to paths of this site. Browsers drop tabs
 * and line breaks from a URL and read a backslash as a slash: {@code /<tab>/evil.example} is an off-site link.
 * Any target with control characters, whitespace or backslashes, as sent or percent-decoded, falls back to
 * {@code /}, and the POST never fails.
 */
@QuarkusTest
class ReturnTargetsStayOnThisSiteTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final List<String> HOSTILE = List.of("/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
            "/ /evil.example", "/\u000b/evil.example", "/%09/evil.example", "/%0a/evil.example", "/%20/evil.example",
            "/%5Cevil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/\u00a0/evil.example",
            "/%E2%80%AE/elpmaxe.live", "/%zz/evil.example", "//evil.example", "/\\evil.example", "https://evil.example",
            "javascript:alert(1)", "evil.example");

    @Test
    void notNowLinksOnlyToThisSite() {
        String token = TestUser.engineer().token();
        for (String hostile : HOSTILE) {
            given().auth().oauth2(token).queryParam("to", hostile).queryParam("maxAge", "300").get("/reauth").then()
                    .statusCode(200).body(containsString("<a href=\"/\" class=\"muted\">Not now</a>"))
                    .body(containsString("name=\"to\" value=\"/\"")).body(not(containsString("evil")))
                    .body(not(containsString("elpmaxe")));
        }
        given().auth().oauth2(token).queryParam("to", "/requests/new").get("/reauth").then().statusCode(200)
                .body(containsString("<a href=\"/requests/new\" class=\"muted\">Not now</a>"));
    }

    @Test
    void reLoginReturnsOnlyToThisSiteAndNeverFails() {
        String token = TestUser.engineer().token();
        for (String hostile : HOSTILE) {
            Response page = given().auth().oauth2(token).get("/requests/new");
            Matcher csrf = CSRF.matcher(page.asString());
            csrf.find();
            given().auth().oauth2(token).redirects().follow(false).cookie("csrf-token", page.getCookie("csrf-token"))
                    .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf.group(1))
                    .formParam("to", hostile).formParam("maxAge", "300").post("/reauth").then().statusCode(303)
                    .header("Location", endsWith("/")).header("Location", not(containsString("evil")));
        }
    }
}
