package dev.rootgate.detect;

import static dev.rootgate.support.CloudTrail.AUDIT_TASK;
import static dev.rootgate.support.CloudTrail.INTRUDER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.support.CloudTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Sql;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Findings are for auditors and admins: listed with their evidence (never a credential), acknowledged once with a
 * reason and a fresh MFA login, on the page and in the API, and every acknowledgement is audited.
 */
@QuarkusTest
class FindingsAreAcknowledgedByOverseersOnceTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @Inject
    Detections detections;
    @Inject
    DataSource dataSource;

    @Test
    void anAuditorReadsAShadowSessionsRecordAndAcknowledgesItOnceOnThePage() throws Exception {
        long id = shadowFinding();
        String auditor = TestUser.auditor().token();

        given().auth().oauth2(auditor).get("/findings?severity=CRITICAL&acknowledged=false").then().statusCode(200)
                .body(containsString("id=\"finding-" + id + "\"")).body(containsString("href=\"/findings\""));
        Response page = given().auth().oauth2(auditor).get("/findings/" + id);
        page.then().statusCode(200).body(containsString(INTRUDER)).body(containsString("payments-prod"))
                .body(containsString("&quot;eventName&quot; : &quot;AssumeRoot&quot;"))
                .body(not(containsString(CloudTrail.SESSION_TOKEN))).body(not(containsString("sessionToken")))
                .body(containsString("id=\"acknowledge-button\""));

        acknowledgeOnPage(auditor, page, id, "").then().statusCode(400).body(containsString("reason"));
        acknowledgeOnPage(auditor, page, id, "mallory's sandbox test, agreed with the security team")
                .then().statusCode(303).header("Location", containsString("/findings/" + id));
        given().auth().oauth2(auditor).get("/findings/" + id).then().statusCode(200)
                .body(containsString("id=\"acknowledged-why\">mallory&#39;s sandbox test"))
                .body(not(containsString("id=\"acknowledge-button\"")));
        acknowledgeOnPage(auditor, page, id, "again").then().statusCode(409)
                .body(containsString("already_acknowledged"));

        assertEquals(List.of("mallory's sandbox test, agreed with the security team"), Sql.strings(dataSource,
                "SELECT acknowledged_why FROM detection_finding WHERE id = ? AND acknowledged_at IS NOT NULL"
                        + " AND acknowledged_by LIKE 'auditors-%'", id));
        assertEquals(List.of("1"), Sql.strings(dataSource, "SELECT count(*) FROM audit_event"
                + " WHERE action = 'detection.acknowledged' AND details LIKE ?", "%\"finding\":" + id + ",%"));
    }

    @Test
    void theApiListsFiltersAndAcknowledgesWithAFreshMfaLoginAndAReason() throws Exception {
        long id = shadowFinding();
        TestUser admin = TestUser.in("admins");

        admin.api().get("/api/v1/findings?severity=critical&kind=FOREIGN_PRINCIPAL&acknowledged=false&size=100")
                .then().statusCode(200).body("items.id", hasItem((int) id)).body("size", equalTo(100));
        admin.api().get("/api/v1/findings/" + id).then().statusCode(200)
                .body("kind", equalTo("FOREIGN_PRINCIPAL")).body("severity", equalTo("CRITICAL"))
                .body("callerArn", equalTo(INTRUDER)).body("accountName", equalTo("payments-prod"))
                .body("event.eventName", equalTo("AssumeRoot"))
                .body("event.responseElements.credentials.sessionToken", nullValue())
                .body("acknowledged", nullValue());
        admin.api().get("/api/v1/findings?severity=LOUD").then().statusCode(400).body("field", equalTo("severity"));
        admin.api().get("/api/v1/findings?kind=NOPE").then().statusCode(400).body("field", equalTo("kind"));
        admin.api().get("/api/v1/findings?acknowledged=maybe").then().statusCode(400)
                .body("field", equalTo("acknowledged"));

        String stale = admin.token("pwd,otp", Instant.now().minus(Duration.ofMinutes(20)));
        admin.api(stale).body(Map.of("reason", "seen")).post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(403).body("error", equalTo("mfa_stale"));
        admin.api().body(Map.of("reason", " ")).post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(400).body("field", equalTo("reason"));
        admin.api().body("{\"reason\":\"seen\",\"extra\":1}").post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(400);
        admin.api().body("{\"reason\":7}").post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(400).body("field", equalTo("reason"));

        admin.api().body(Map.of("reason", "rotated the role, INC-42")).post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(200).body("acknowledged.by", equalTo(admin.subject()))
                .body("acknowledged.why", equalTo("rotated the role, INC-42"));
        admin.api().body(Map.of("reason", "twice")).post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(409).body("error", equalTo("already_acknowledged"));
        admin.api().get("/api/v1/findings?acknowledged=false&size=100").then().body("items.id", not(hasItem((int) id)));
    }

    @Test
    void nobodyButAuditorsAndAdminsSeesOrAcknowledgesFindings() throws Exception {
        long id = shadowFinding();
        TestUser engineer = TestUser.engineer();

        given().auth().oauth2(engineer.token()).get("/findings").then().statusCode(403);
        given().auth().oauth2(engineer.token()).get("/findings/" + id).then().statusCode(403);
        engineer.api().get("/api/v1/findings").then().statusCode(403).body("error", equalTo("not_auditor"));
        engineer.api().body(Map.of("reason", "nothing to see")).post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(403);
        given().auth().oauth2(engineer.token()).get("/audit").then().statusCode(403)
                .body(not(containsString("href=\"/findings\"")));

        assertEquals(List.of("true"), Sql.strings(dataSource,
                "SELECT (acknowledged_by IS NULL)::text FROM detection_finding WHERE id = ?", id));
        assertEquals(List.of("1"), Sql.strings(dataSource, "SELECT count(*) FROM audit_event WHERE action = 'refused'"
                + " AND actor = ? AND details LIKE '%\"attempt\":\"acknowledge_finding\"%'", engineer.subject()));
    }

    @Test
    void evidenceIsNotAnAlertAndCannotBeAcknowledged() throws Exception {
        TestUser requester = TestUser.engineer();
        long request = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + request + "/session").then().statusCode(201);
        String keyId = requester.api().get("/api/v1/requests/" + request).then().extract().path("accessKeyId");
        ObjectNode record = CloudTrail.issued(CloudTrail.BROKER, Flows.ANY_ACCOUNT, AUDIT_TASK, Instant.now(), keyId);
        detections.record(record.toString(), "queue");
        long id = Long.parseLong(Sql.strings(dataSource, "SELECT id FROM detection_finding WHERE event_id = ?",
                record.path("eventID").asText()).get(0));

        TestUser auditor = TestUser.auditor();
        auditor.api().body(Map.of("reason", "fine")).post("/api/v1/findings/" + id + "/acknowledge")
                .then().statusCode(409).body("error", equalTo("not_an_alert"));
        given().auth().oauth2(auditor.token()).get("/findings/" + id).then().statusCode(200)
                .body(containsString("href=\"/requests/" + request + "\""))
                .body(not(containsString("id=\"acknowledge-button\"")));
    }

    @Test
    void adminAndAuditPagesCountTheAlertsWaiting() throws Exception {
        shadowFinding();
        String admin = TestUser.in("admins").token();
        for (String path : List.of("/admin", "/audit")) {
            given().auth().oauth2(admin).get(path).then().statusCode(200)
                    .body(containsString("CRITICAL or HIGH finding"))
                    .body(containsString("href=\"/findings?acknowledged=false\""));
        }
    }

    /** An account id broken in two reads as two numbers: it never wraps, while a long ARN may wrap anywhere. */
    @Test
    void accountIdsNeverBreakAndArnsWrapAnywhere() throws Exception {
        long id = shadowFinding();
        String auditor = TestUser.auditor().token();
        given().auth().oauth2(auditor).get("/findings/" + id).then().statusCode(200)
                .body(containsString("<code class=\"account-id\">" + Flows.ANY_ACCOUNT + "</code>"))
                .body(containsString("<code class=\"arn\" id=\"caller\">" + INTRUDER + "</code>"))
                .body(containsString("<td><code class=\"arn\">" + AUDIT_TASK + "</code></td>"))
                .body(not(containsString("<code>" + Flows.ANY_ACCOUNT + "</code>")));
        given().auth().oauth2(auditor).get("/findings").then().statusCode(200)
                .body(containsString("<code class=\"account-id\">" + Flows.ANY_ACCOUNT + "</code>"))
                .body(containsString("<code class=\"arn\">" + INTRUDER + "</code>"));
        String css = given().get("/static/rootgate.css").then().statusCode(200).extract().asString();
        assertEquals(true, css.contains("code.arn { overflow-wrap:anywhere; }")
                && css.contains("code.account-id { white-space:nowrap; }")
                && !css.contains("dl.facts dd code { overflow-wrap:anywhere; }"), css);
    }

    /** A time inside a finding's text is a <time> like every other, which the page shows in the viewer's zone. */
    @Test
    void instantsInAFindingsTextAreTimeElements() throws Exception {
        long id = shadowFinding();
        String page = given().auth().oauth2(TestUser.auditor().token()).get("/findings/" + id).then().statusCode(200)
                .extract().asString();
        String evidence = page.substring(page.indexOf("<table id=\"evidence\">"), page.indexOf("</table>",
                page.indexOf("<table id=\"evidence\">")));
        assertEquals(true, evidence.contains("<th>eventTime</th><td><code class=\"\"><time datetime=\""), evidence);
        String outsideTheRecord = page.replaceAll("(?s)<pre class=\"record\".*?</pre>", "")
                .replaceAll("datetime=\"[^\"]*\"", "");
        Matcher raw = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z").matcher(outsideTheRecord);
        assertEquals(false, raw.find(), () -> "a raw UTC instant in the text: " + raw.group());
    }

    private long shadowFinding() throws Exception {
        ObjectNode record = CloudTrail.issued(INTRUDER, Flows.ANY_ACCOUNT, AUDIT_TASK, Instant.now(), CloudTrail.keyId());
        detections.record(record.toString(), "queue");
        return Long.parseLong(Sql.strings(dataSource, "SELECT id FROM detection_finding WHERE event_id = ?",
                record.path("eventID").asText()).get(0));
    }

    private static Response acknowledgeOnPage(String token, Response page, long id, String reason) {
        Matcher csrf = CSRF.matcher(page.asString());
        csrf.find();
        return given().auth().oauth2(token).redirects().follow(false).cookie("csrf-token", page.cookie("csrf-token"))
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf.group(1))
                .formParam("reason", reason).post("/findings/" + id + "/acknowledge");
    }
}
