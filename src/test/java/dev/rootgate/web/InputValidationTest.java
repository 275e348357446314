package dev.rootgate.web;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Invariant 10: every input is validated, the 400 names the field, and nothing is written. */
@QuarkusTest
class InputValidationTest {

    static Stream<Arguments> badRequests() {
        String policy = "\"taskPolicy\":\"IAMAuditRootUserCredentials\"";
        String why = "\"justification\":\"rotate keys\"";
        return Stream.of(
                Arguments.of("unknown account", "{\"accountId\":\"999988887777\"," + policy + "," + why + "}", "accountId"),
                Arguments.of("13-digit account", "{\"accountId\":\"1111222233334\"," + policy + "," + why + "}", "accountId"),
                Arguments.of("account with letters", "{\"accountId\":\"11112222333a\"," + policy + "," + why + "}", "accountId"),
                Arguments.of("missing account", "{" + policy + "," + why + "}", "accountId"),
                Arguments.of("account as a number", "{\"accountId\":{\"id\":1}," + policy + "," + why + "}", "accountId"),
                Arguments.of("unknown task policy", "{\"accountId\":\"" + ANY_ACCOUNT + "\",\"taskPolicy\":\"AdministratorAccess\"," + why + "}", "taskPolicy"),
                Arguments.of("task policy ARN instead of name", "{\"accountId\":\"" + ANY_ACCOUNT + "\",\"taskPolicy\":\"arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy\"," + why + "}", "taskPolicy"),
                Arguments.of("empty justification", "{\"accountId\":\"" + ANY_ACCOUNT + "\"," + policy + ",\"justification\":\"   \"}", "justification"),
                Arguments.of("20 kB justification", "{\"accountId\":\"" + ANY_ACCOUNT + "\"," + policy + ",\"justification\":\"" + "x".repeat(20_000) + "\"}", "justification"),
                Arguments.of("NUL in justification", "{\"accountId\":\"" + ANY_ACCOUNT + "\"," + policy + ",\"justification\":\"a\\u0000b\"}", "justification"),
                Arguments.of("ticket with markup", "{\"accountId\":\"" + ANY_ACCOUNT + "\"," + policy + "," + why + ",\"ticket\":\"<script>\"}", "ticket"),
                Arguments.of("unknown field", "{\"accountId\":\"" + ANY_ACCOUNT + "\"," + policy + "," + why + ",\"durationSeconds\":3600}", "durationSeconds"),
                Arguments.of("malformed JSON", "{\"accountId\": \"" + ANY_ACCOUNT + "\",", "body"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("JSON array instead of object", "[1,2]", "body"));
    }

    @ParameterizedTest(name = "{0} → 400 naming {2}")
    @MethodSource({ "badRequests", "dev.rootgate.web.StrictInputTest#ambiguousJson" })
    void badRequestIsRefusedNamingTheFieldAndWritesNothing(String name, String body, String field) {
        TestUser requester = TestUser.engineer();
        requester.api().body(body).post("/api/v1/requests")
                .then().statusCode(400).body("error", equalTo("invalid_input")).body("field", equalTo(field))
                .body("message", containsString(field));
        assertNothingWrittenBy(requester);
    }

    @Test
    void wrongContentTypeIsRefusedNamingTheHeader() {
        TestUser requester = TestUser.engineer();
        requester.api().contentType(ContentType.TEXT).body("accountId=" + ANY_ACCOUNT)
                .post("/api/v1/requests").then().statusCode(400).body("field", equalTo("Content-Type"));
        requester.api().contentType(ContentType.URLENC).formParam("accountId", ANY_ACCOUNT)
                .post("/api/v1/requests").then().statusCode(400).body("field", equalTo("Content-Type"));
        assertNothingWrittenBy(requester);
    }

    @Test
    void ticketMustMatchTheRulesPattern() {
        TestUser requester = TestUser.engineer();
        String base = "{\"accountId\":\"" + Flows.SANDBOX + "\",\"taskPolicy\":\"IAMDeleteRootUserCredentials\",\"justification\":\"x\"";
        requester.api().body(base + "}").post("/api/v1/requests").then().statusCode(400).body("field", equalTo("ticket"));
        requester.api().body(base + ",\"ticket\":\"JIRA-1\"}").post("/api/v1/requests").then().statusCode(400)
                .body("field", equalTo("ticket"));
        assertNothingWrittenBy(requester);
        requester.api().body(base + ",\"ticket\":\"INC-42\"}").post("/api/v1/requests").then().statusCode(201)
                .body("ticket", equalTo("INC-42"));
    }

    @Test
    void badDecisionNamesTheField() {
        long id = Flows.request(TestUser.engineer(), ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser approver = TestUser.approver();
        approver.api().body("{\"decision\":\"MAYBE\"}").post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(400).body("field", equalTo("decision"));
        approver.api().body("{\"decision\":\"APPROVE\",\"comment\":\"" + "y".repeat(2001) + "\"}")
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(400).body("field", equalTo("comment"));
        approver.api().body("{\"decision\":\"DENY\",\"comment\":\"no\\u0007\"}").post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(400).body("field", equalTo("comment"));
        approver.api().body("{}").post("/api/v1/requests/abc/decisions").then().statusCode(400).body("field", equalTo("id"));
        approver.api().get("/api/v1/requests/" + id).then().body("decisions.size()", equalTo(0));
    }

    @Test
    void badListParametersNameTheirField() {
        TestUser user = TestUser.engineer();
        user.api().get("/api/v1/requests?status=LOST").then().statusCode(400).body("field", equalTo("status"));
        user.api().get("/api/v1/requests?mine=yes").then().statusCode(400).body("field", equalTo("mine"));
        user.api().get("/api/v1/requests?size=1000").then().statusCode(400).body("field", equalTo("size"));
        user.api().get("/api/v1/requests?page=2147483647").then().statusCode(400).body("field", equalTo("page"));
    }

    private static void assertNothingWrittenBy(TestUser requester) {
        requester.api().get("/api/v1/requests?mine=true").then().statusCode(200).body("total", equalTo(0));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("actor", requester.subject())));
    }
}
