package dev.rootgate.replicas;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.Flows;
import dev.rootgate.support.Sts;
import dev.rootgate.support.TestUser;
import io.restassured.response.Response;

/**
 * A replica told to stop (SIGTERM, as Kubernetes does) while a session start waits on STS finishes that start:
 * the requester gets the credentials and the request records the session, within quarkus.shutdown.timeout.
 */
class GracefulShutdownFinishesStartsIT {

    private static Deployment deployment;

    @BeforeAll
    static void start() {
        deployment = Deployment.shared();
    }

    @Test
    void aStartInFlightWhenShutdownBeginsCompletesAndIsRecorded() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = requester.api().baseUri(deployment.a.url().toString()).body(Flows.body(ANY_ACCOUNT, "IAMAuditRootUserCredentials"))
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        TestUser approver = TestUser.approver();
        approver.api().baseUri(deployment.a.url().toString()).body(Map.of("decision", "APPROVE", "comment", "ok"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(200);
        String token = requester.token();
        int callsBefore = Sts.callsFor(ANY_ACCOUNT).size();

        Replica leaving = deployment.another("c");
        Process stopping;
        Response answer;
        try {
            Sts.slow(2_500); // within the replicas' 3 s read timeout
            CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() ->
                    requester.api(token).baseUri(leaving.url().toString()).post("/api/v1/requests/" + id + "/session"));
            deployment.awaitStatus(id, "STARTING"); // claimed; AssumeRoot is on its way
            stopping = leaving.terminate();
            answer = inFlight.get();
            assertEquals(201, answer.statusCode(), answer.asString());
            assertTrue(stopping.waitFor(30, TimeUnit.SECONDS), "the replica stops once the start is done");
        } finally {
            Sts.healthy();
            leaving.stopNow();
        }
        String accessKeyId = answer.jsonPath().getString("accessKeyId");
        assertTrue(answer.jsonPath().getString("secretAccessKey").length() > 0);
        assertEquals(List.of(List.of("ACTIVE", accessKeyId)),
                deployment.rows("SELECT status, access_key_id FROM access_request WHERE id = ?", id));
        List<JsonNode> calls = Sts.callsFor(ANY_ACCOUNT);
        assertEquals(1, calls.size() - callsBefore);
        assertEquals(accessKeyId, calls.get(calls.size() - 1).get("accessKeyId").asText());
        RecomputedChain.verify(deployment);
    }
}
