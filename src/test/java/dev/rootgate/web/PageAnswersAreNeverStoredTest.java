package dev.rootgate.web;

import static dev.rootgate.support.Flows.SANDBOX;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * After logout the browser's Back must not show a request's justification, and after a session was started it
 * must not show a live "Start root session" button: every answer but the static files is {@code no-store} —
 * pages, error pages, redirects, the login redirect and the API.
 */
@QuarkusTest
class PageAnswersAreNeverStoredTest {

    @Test
    void pagesErrorPagesAndRedirectsAreNoStore() {
        TestUser requester = TestUser.engineer();
        String token = requester.token();
        long id = Flows.request(requester, SANDBOX, "S3UnlockBucketPolicy");
        for (String page : new String[] { "/requests", "/requests/new", "/requests/" + id, "/reauth?to=/&maxAge=300" }) {
            given().auth().oauth2(token).get(page).then().statusCode(200).header("Cache-Control", "no-store");
        }
        given().auth().oauth2(token).redirects().follow(false).get("/").then().statusCode(303)
                .header("Cache-Control", "no-store");
        given().auth().oauth2(TestUser.engineer().token()).get("/requests/" + id).then().statusCode(404)
                .header("Cache-Control", "no-store");
        given().redirects().follow(false).get("/requests/" + id).then().statusCode(302)
                .header("Cache-Control", "no-store");
        given().get("/logged-out").then().statusCode(200).header("Cache-Control", "no-store");
        requester.api().get("/api/v1/requests/" + id).then().statusCode(200).header("Cache-Control", "no-store");
    }

    @Test
    void staticFilesMayBeCached() {
        given().get("/static/rootgate.css").then().statusCode(200).header("Cache-Control", not(equalTo("no-store")));
    }
}
