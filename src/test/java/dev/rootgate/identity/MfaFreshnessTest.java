package dev.rootgate.identity;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Invariant 3: requesting, deciding and starting each need fresh MFA evidence from the IdP. */
@QuarkusTest
class MfaFreshnessTest {

    static Stream<Arguments> evidenceThatIsNotEnough() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("password only", "pwd", now, "mfa_required"),
                Arguments.of("no amr claim at all", "", now, "mfa_required"),
                Arguments.of("a method we do not accept", "pwd,pin", now, "mfa_required"),
                Arguments.of("auth_time from the future", "pwd,otp", now.plus(Duration.ofHours(1)), "mfa_required"),
                Arguments.of("MFA older than the rule's 15 minutes", "pwd,otp", now.minus(Duration.ofMinutes(16)), "mfa_stale"));
    }

    @ParameterizedTest(name = "request refused with {0}")
    @MethodSource("evidenceThatIsNotEnough")
    void requestingNeedsFreshMfa(String name, String amr, Instant authTime, String error) {
        TestUser requester = TestUser.engineer();
        requester.api(requester.token(amr, authTime)).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(403).body("error", equalTo(error));

        requester.api().get("/api/v1/requests?mine=true").then().body("total", equalTo(0));
    }

    @Test
    void decidingNeedsMfaWithinTheDecideMaxAge() {
        TestUser requester = TestUser.engineer();
        // Twelve minutes: fresh enough to request (15) but not to decide (10) under rule one-approval.
        Instant twelveMinutesAgo = Instant.now().minus(Duration.ofMinutes(12));
        long id = requester.api(requester.token("pwd,otp", twelveMinutesAgo))
                .body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials")).post("/api/v1/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        TestUser approver = TestUser.approver();
        Map<String, String> approve = Map.of("decision", "APPROVE", "comment", "ok");

        approver.api(approver.token("pwd,otp", twelveMinutesAgo)).body(approve)
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(403).body("error", equalTo("mfa_stale"))
                .body("mfaMaxAgeSeconds", equalTo(600));
        approver.api(approver.token("pwd", Instant.now())).body(approve)
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(403).body("error", equalTo("mfa_required"));

        approver.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING")).body("decisions.size()", equalTo(0));
        org.junit.jupiter.api.Assertions.assertEquals(1, AuditTrail.count(id, "refused", "mfa_stale"));
    }

    @Test
    void startingNeedsMfaFresherThanDeciding() {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        // Ten minutes is fresh enough to request (15) but not to start (5).
        String tenMinutesOld = requester.token("pwd,otp", Instant.now().minus(Duration.ofMinutes(10)));

        requester.api(tenMinutesOld).post("/api/v1/requests/" + id + "/session")
                .then().statusCode(403).body("error", equalTo("mfa_stale")).body("mfaMaxAgeSeconds", equalTo(300));
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));

        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
    }
}
