package dev.rootgate.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 7, part 2: approvers see a request's decisions and state changes, but source addresses and other people's
 * refusals in its timeline are for auditors and admins only. Everyone sees the address of their own actions.
 */
@QuarkusTest
class RequestTimelineShowsRefusalsAndAddressesToOverseersOnlyTest {

    private static final String REQUESTER_ADDRESS = "198.51.100.23";

    @Test
    void anApproverSeesNeitherTheRequestersRefusedAttemptsNorAnyonesAddressButAnAuditorSeesBoth() {
        TestUser requester = TestUser.engineer();
        TestUser approver = TestUser.approver();
        long request = requester.apiFrom(REQUESTER_ADDRESS).body(Flows.body(Flows.ANY_ACCOUNT,
                "IAMAuditRootUserCredentials")).post("/api/v1/requests").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        requester.apiFrom(REQUESTER_ADDRESS).body(Map.of("decision", "APPROVE", "comment", "mine"))
                .post("/api/v1/requests/" + request + "/decisions").then().statusCode(403);

        JsonPath seenByApprover = approver.api().get("/api/v1/requests/" + request).then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of("request.created"), seenByApprover.getList("timeline.action"));
        assertNull(seenByApprover.get("sourceIp"));
        assertTrue(seenByApprover.getList("timeline.sourceIp").stream().allMatch(ip -> ip == null));
        String approverPage = given().auth().oauth2(approver.token()).get("/requests/" + request).then().statusCode(200)
                .extract().asString();
        assertFalse(approverPage.contains(REQUESTER_ADDRESS), "no address of someone else on the approver's page");
        assertFalse(approverPage.contains(">refused</code>"));

        approver.apiFrom("192.0.2.44").body(Map.of("decision", "APPROVE", "comment", "ok"))
                .post("/api/v1/requests/" + request + "/decisions").then().statusCode(200);
        JsonPath afterDeciding = approver.api().get("/api/v1/requests/" + request).then().extract().jsonPath();
        assertEquals("192.0.2.44", afterDeciding.getString("decisions[0].sourceIp"), "their own address, yes");
        assertNull(afterDeciding.get("sourceIp"));

        JsonPath seenByRequester = requester.api().get("/api/v1/requests/" + request).then().extract().jsonPath();
        assertTrue(seenByRequester.getList("timeline.action").contains("refused"), "their own refusal");
        assertEquals(REQUESTER_ADDRESS, seenByRequester.getString("sourceIp"));
        assertNull(seenByRequester.get("decisions[0].sourceIp"), "not the approver's address");

        JsonPath seenByAuditor = TestUser.auditor().api().get("/api/v1/requests/" + request).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("request.created", "refused", "decision.recorded", "request.approved"),
                seenByAuditor.getList("timeline.action"));
        assertEquals(REQUESTER_ADDRESS, seenByAuditor.getString("sourceIp"));
        assertEquals(REQUESTER_ADDRESS, seenByAuditor.getString("timeline[1].sourceIp"));
        assertEquals("192.0.2.44", seenByAuditor.getString("decisions[0].sourceIp"));
        given().auth().oauth2(TestUser.auditor().token()).get("/requests/" + request).then().statusCode(200)
                .body(containsString(">refused</code>")).body(containsString(REQUESTER_ADDRESS))
                .body(containsString("Refused decide: self_approval — you cannot decide on your own request"))
                .body(containsString("href=\"/audit?request=" + request + "\""));
        given().auth().oauth2(approver.token()).get("/requests/" + request).then()
                .body(not(containsString("href=\"/audit?request=")));
    }
}
