package dev.rootgate.approval;

import static dev.rootgate.support.Flows.RESTRICTED;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Invariant 9: requests, decisions and starts from outside the rule's CIDRs are refused (office-network: 10.0.0.0/8). */
@QuarkusTest
class SourceNetworkTest {

    private static final String INSIDE = "10.20.30.40";
    private static final String OUTSIDE = "192.168.1.5";

    @Test
    void requestFromOutsideTheRulesNetworksIsRefusedAndWritesNothing() {
        TestUser requester = TestUser.engineer();
        requester.apiFrom(OUTSIDE).body(Flows.body(RESTRICTED, "IAMDeleteRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(403).body("error", equalTo("source_not_allowed"));

        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(0));
    }

    @Test
    void decisionAndStartFromOutsideAreRefused() {
        TestUser requester = TestUser.engineer();
        long id = requester.apiFrom(INSIDE).body(Flows.body(RESTRICTED, "IAMDeleteRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(201).body("sourceIp", equalTo(INSIDE))
                .extract().jsonPath().getLong("id");
        TestUser approver = TestUser.approver();
        Map<String, String> approve = Map.of("decision", "APPROVE", "comment", "ok");

        approver.apiFrom(OUTSIDE).body(approve).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(403).body("error", equalTo("source_not_allowed"));
        approver.apiFrom(INSIDE).body(approve).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(200).body("status", equalTo("APPROVED"));

        requester.apiFrom(OUTSIDE).post("/api/v1/requests/" + id + "/session")
                .then().statusCode(403).body("error", equalTo("source_not_allowed"));
        requester.apiFrom(INSIDE).post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        assertEquals(2, AuditTrail.count(id, "refused", "source_not_allowed"));
    }

    @Test
    void aForgedLeftmostForwardedHopDoesNotCount() {
        TestUser requester = TestUser.engineer();
        // The client wrote 10.9.9.9 itself; the trusted proxy appended the real address.
        requester.apiFrom("10.9.9.9, " + OUTSIDE).body(Flows.body(RESTRICTED, "IAMDeleteRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(403).body("error", equalTo("source_not_allowed"))
                .body("message", org.hamcrest.Matchers.startsWith(OUTSIDE));
    }

    @Test
    void anAddressThatCannotBeEstablishedIsRefusedEvenWithoutCidrs() {
        TestUser requester = TestUser.engineer();
        requester.apiFrom("unknown").body(Flows.body(Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(403).body("error", equalTo("source_unknown"));
        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(0));
    }
}
