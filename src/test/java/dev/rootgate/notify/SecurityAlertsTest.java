package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.audit.Checkpoint;
import dev.rootgate.audit.Checkpoints;
import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Slack;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityAlertsTest {

    @Inject
    Checkpoints checkpoints;

    private static List<String> alertsOf(long id, int expected) throws InterruptedException {
        return Slack.await(m -> "#root-alerts".equals(m.path("channel").asText())
                && m.path("text").asText().contains("request #" + id + ":"), expected)
                .stream().map(m -> m.path("text").asText()).toList();
    }

    @Test
    void aCredentialDeletingRequestIsAlertedWhenRequestedApprovedAndStartedMarkedHigh() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = requester.api().body(Map.of("accountId", Flows.SANDBOX, "taskPolicy", "IAMDeleteRootUserCredentials",
                        "justification", "remove the old root keys", "ticket", "INC-7"))
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        Flows.approve(TestUser.approver(), id);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);

        List<String> alerts = alertsOf(id, 3);
        assertEquals(3, alerts.size(), alerts.toString());
        String what = "[HIGH] request #" + id + ": IAMDeleteRootUserCredentials on sandbox (444455556666)";
        assertTrue(alerts.get(0).startsWith(what + ", requested by " + requester.subject()), alerts.get(0));
        assertTrue(alerts.get(1).startsWith(what + ", approved."), alerts.get(1));
        assertTrue(alerts.get(2).startsWith(what + ": session started by " + requester.subject()), alerts.get(2));
    }

    @Test
    void everySessionStartedIsAlertedAndALowRiskOneIsNotMarked() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);

        List<String> alerts = alertsOf(id, 1);
        assertTrue(alerts.get(0).startsWith("request #" + id + ": IAMAuditRootUserCredentials on payments-prod"
                + " (111122223333): session started by " + requester.subject()), "unmarked, and the first: " + alerts);
    }

    @Test
    void aSelfApprovalAttemptIsAlerted() throws Exception {
        TestUser both = TestUser.in("engineers", "approvers");
        long id = Flows.request(both, Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        both.api().body(java.util.Map.of("decision", "APPROVE", "comment", "me"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(403);
        List<String> alerts = Slack.await(m -> "#root-alerts".equals(m.path("channel").asText())
                && m.path("text").asText().startsWith("Refused self_approval: " + both.subject()), 1)
                .stream().map(m -> m.path("text").asText()).toList();
        assertTrue(alerts.get(0).contains(" tried to decide request #" + id + "."), alerts.toString());
    }

    @Test
    void eachSignedCheckpointGoesToTheAlertChannelWhereTheDatabaseCannotRewriteIt() throws Exception {
        Flows.request(TestUser.engineer(), Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        AuditTrail.sealEverything();
        Checkpoint signed = checkpoints.signHead().orElseThrow();

        List<String> alerts = Slack.await(m -> "#root-alerts".equals(m.path("channel").asText())
                && m.path("text").asText().endsWith(signed.json()), 1).stream().map(m -> m.path("text").asText()).toList();
        assertTrue(alerts.get(0).startsWith("Audit checkpoint: the chain up to seq " + signed.seq() + " is signed."),
                alerts.toString());
        checkpoints.signHead();
        assertEquals(1, Slack.messages().stream().filter(m -> m.path("text").asText().endsWith(signed.json())).count(),
                "signing the same head again publishes nothing new");
    }

    @Test
    void anStsFailureIsAlerted() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Sts.fail("AccessDenied", 1);
        try {
            requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(502);
        } finally {
            Sts.healthy();
        }
        List<String> alerts = alertsOf(id, 1);
        assertTrue(alerts.get(0).contains(": STS refused AssumeRoot (AccessDenied)."), alerts.toString());
    }
}
