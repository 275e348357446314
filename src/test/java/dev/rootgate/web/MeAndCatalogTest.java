package dev.rootgate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MeAndCatalogTest {

    @Test
    void meShowsRolesFromThePolicyAndTheAgeOfTheMfaEvidence() {
        TestUser user = TestUser.in("engineers", "auditors");
        user.api(user.token("pwd,otp", Instant.now().minus(Duration.ofMinutes(3)))).get("/api/v1/me").then()
                .statusCode(200).body("subject", equalTo(user.subject()))
                .body("roles", equalTo(java.util.List.of("requester", "auditor")))
                .body("mfa.methods", hasItems("pwd", "otp")).body("mfa.multiFactor", equalTo(true))
                .body("mfa.ageSeconds", greaterThanOrEqualTo(179)).body("mfa.ageSeconds", lessThan(240));
    }

    @Test
    void catalogListsAccountsAndTheFiveTaskPoliciesWithRisk() {
        TestUser.engineer().api().get("/api/v1/catalog").then().statusCode(200)
                .body("accounts.id", hasItem("444455556666")).body("taskPolicies.size()", equalTo(5))
                .body("taskPolicies.find { it.name == 'IAMCreateRootUserPassword' }.risk", equalTo("CRITICAL"))
                .body("taskPolicies.find { it.name == 'S3UnlockBucketPolicy' }.arn",
                        equalTo("arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"))
                .body("taskPolicies.find { it.name == 'S3UnlockBucketPolicy' }.allowedActions", hasItem("s3:DeleteBucketPolicy"));
    }

    @Test
    void apiWithoutAValidTokenIsA401WithTheUsualBodyAndTheBearerChallenge() {
        given().redirects().follow(false).get("/api/v1/me").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("unauthenticated")).body("message", not(emptyOrNullString()));
        given().auth().oauth2("not-a-token").get("/api/v1/requests/1").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("unauthenticated")).body("message", not(emptyOrNullString()));
        given().auth().oauth2("not-a-token").contentType("application/json").body("{}").post("/api/v1/requests")
                .then().statusCode(401).body("error", equalTo("unauthenticated"));
    }

    @Test
    void openApiDescribesTheApiToSignedInUsers() {
        given().auth().oauth2(TestUser.engineer().token()).get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/requests/{id}/session"));
    }
}
