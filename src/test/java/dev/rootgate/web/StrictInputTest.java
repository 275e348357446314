package dev.rootgate.web;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
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

/**
 * What an approver reads is what the requester wrote, and what rootgate parsed is what was sent: deceptive free
 * text and ambiguous JSON are refused with a 400 naming the field, and nothing is written.
 */
@QuarkusTest
class StrictInputTest {

    private static final String ACCOUNT = "\"accountId\":\"" + ANY_ACCOUNT + "\"";
    private static final String POLICY = "\"taskPolicy\":\"IAMAuditRootUserCredentials\"";
    private static final String WHY = "\"justification\":\"rotate keys\"";

    static Stream<Arguments> deceptiveText() {
        return Stream.of(
                Arguments.of("right-to-left override", "approve \u202Efdp.exe"),
                Arguments.of("left-to-right embedding", "a\u202Ab"),
                Arguments.of("pop directional formatting", "a\u202Cb"),
                Arguments.of("right-to-left isolate", "ticket \u2067INC-1\u2069"),
                Arguments.of("first strong isolate", "a\u2068b\u2069"),
                Arguments.of("left-to-right mark", "a\u200Eb"),
                Arguments.of("right-to-left mark", "a\u200Fb"),
                Arguments.of("arabic letter mark", "a\u061Cb"),
                Arguments.of("zero-width space inside a word", "del\u200Bete"),
                Arguments.of("word joiner", "a\u2060b"),
                Arguments.of("byte order mark", "\uFEFFrotate"),
                Arguments.of("only a zero-width space", "\u200B"),
                Arguments.of("only a Hangul filler", "\u3164"),
                Arguments.of("only Hangul choseong and jungseong fillers", "\u115F\u1160"),
                Arguments.of("only no-break spaces", "\u00A0\u00A0"),
                Arguments.of("only an ideographic space", "\u3000"),
                Arguments.of("only a narrow no-break space and figure space", "\u202F\u2007"),
                Arguments.of("only a braille blank", "\u2800"),
                Arguments.of("only a zero-width joiner", "\u200D"));
    }

    @ParameterizedTest(name = "justification with {0} → 400")
    @MethodSource("deceptiveText")
    void deceptiveJustificationIsRefused(String name, String text) {
        TestUser requester = TestUser.engineer();
        requester.api().body(Map.of("accountId", ANY_ACCOUNT, "taskPolicy", "IAMAuditRootUserCredentials",
                "justification", text)).post("/api/v1/requests")
                .then().statusCode(400).body("error", equalTo("invalid_input")).body("field", equalTo("justification"));
        assertNothingWrittenBy(requester);
    }

    @Test
    void textThatIsNotValidUnicodeIsRefused() {
        TestUser requester = TestUser.engineer();
        requester.api().body("{\"accountId\":\"" + ANY_ACCOUNT + "\",\"taskPolicy\":\"IAMAuditRootUserCredentials\","
                + "\"justification\":\"ok\\ud800\"}").post("/api/v1/requests")
                .then().statusCode(400).body("field", equalTo("justification"));
        assertNothingWrittenBy(requester);
    }

    /** An optional comment of ordinary white space (U+3000 is one) is no comment, like one of blanks. */
    static Stream<Arguments> deceptiveComments() {
        return deceptiveText().filter(arguments -> !((String) arguments.get()[1]).strip().isEmpty());
    }

    @ParameterizedTest(name = "comment with {0} → 400")
    @MethodSource("deceptiveComments")
    void deceptiveCommentIsRefused(String name, String text) {
        long id = Flows.request(TestUser.engineer(), ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser approver = TestUser.approver();
        approver.api().body(Map.of("decision", "APPROVE", "comment", text)).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(400).body("field", equalTo("comment"));
        approver.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("decisions.size()", equalTo(0));
    }

    @Test
    void deceptiveTicketIsRefused() {
        TestUser requester = TestUser.engineer();
        for (String ticket : new String[] {"INC-1\u202E", "\u2066INC-1\u2069", "INC\u200B-1", "\u3164"}) {
            requester.api().body(Map.of("accountId", ANY_ACCOUNT, "taskPolicy", "IAMAuditRootUserCredentials",
                    "justification", "rotate keys", "ticket", ticket)).post("/api/v1/requests")
                    .then().statusCode(400).body("field", equalTo("ticket"));
        }
        assertNothingWrittenBy(requester);
    }

    @Test
    void honestTextInOtherScriptsIsAccepted() {
        TestUser requester = TestUser.engineer();
        String text = "تدوير المفاتيح بعد الحادث — 事故後の鍵交換 — ‍👩‍💻 ok — Ünïcödé";
        requester.api().body(Map.of("accountId", ANY_ACCOUNT, "taskPolicy", "IAMAuditRootUserCredentials",
                "justification", text)).post("/api/v1/requests")
                .then().statusCode(201).body("justification", equalTo(text));
    }

    /** Run by InputValidationTest's table of bad requests. */
    static Stream<Arguments> ambiguousJson() {
        String valid = "{" + ACCOUNT + "," + POLICY + "," + WHY + "}";
        return Stream.of(
                Arguments.of("trailing garbage", valid + " garbage", "body"),
                Arguments.of("two concatenated objects", valid + valid, "body"),
                Arguments.of("an object then a number", valid + " 1", "body"),
                Arguments.of("duplicate accountId", "{" + ACCOUNT + ",\"accountId\":\"444455556666\"," + POLICY + "," + WHY + "}", "accountId"),
                Arguments.of("duplicate justification", "{" + ACCOUNT + "," + POLICY + "," + WHY + "," + WHY + "}", "justification"),
                Arguments.of("number for accountId", "{\"accountId\":111122223333," + POLICY + "," + WHY + "}", "accountId"),
                Arguments.of("boolean for justification", "{" + ACCOUNT + "," + POLICY + ",\"justification\":true}", "justification"),
                Arguments.of("float for ticket", "{" + ACCOUNT + "," + POLICY + "," + WHY + ",\"ticket\":1.5}", "ticket"),
                Arguments.of("array for taskPolicy", "{" + ACCOUNT + ",\"taskPolicy\":[\"IAMAuditRootUserCredentials\"]," + WHY + "}", "taskPolicy"));
    }

    @Test
    void duplicateDecisionKeyIsA400NotA500() {
        long id = Flows.request(TestUser.engineer(), ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser approver = TestUser.approver();
        approver.api().body("{\"decision\":\"DENY\",\"decision\":\"APPROVE\",\"comment\":\"ok\"}")
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(400).body("field", equalTo("decision"));
        approver.api().body("{\"decision\":\"APPROVE\",\"comment\":7}")
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(400).body("field", equalTo("comment"));
        approver.api().body("{\"decision\":\"APPROVE\"}{\"decision\":\"DENY\"}")
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(400).body("field", equalTo("body"));
        approver.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"))
                .body("decisions.size()", equalTo(0));
    }

    @Test
    void oddRequestIdsAreNotFoundOrRefusedNeverAServerError() {
        TestUser user = TestUser.engineer();
        for (String id : new String[] {"abc", "99999999999999999999999", "-1", "0", "1e3", "%20", "9223372036854775807"}) {
            int api = user.api().get("/api/v1/requests/" + id).then().extract().statusCode();
            int decide = user.api().body("{\"decision\":\"APPROVE\"}").post("/api/v1/requests/" + id + "/decisions")
                    .then().extract().statusCode();
            int page = given().auth().oauth2(user.token()).redirects().follow(false).get("/requests/" + id)
                    .then().extract().statusCode();
            assertEquals(true, api == 400 || api == 404, id + " on GET answered " + api);
            assertEquals(true, page == 400 || page == 404, id + " on the page answered " + page);
            assertEquals(true, decide == 400 || decide == 404, id + " on a decision answered " + decide);
        }
    }

    private static void assertNothingWrittenBy(TestUser requester) {
        requester.api().get("/api/v1/requests?mine=true").then().statusCode(200).body("total", equalTo(0));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("actor", requester.subject())));
    }
}
