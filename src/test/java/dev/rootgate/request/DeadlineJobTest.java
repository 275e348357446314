package dev.rootgate.request;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Sql;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** The deadline job ends sessions at expiry and marks claims whose process died as INTERRUPTED, never retrying them. */
@QuarkusTest
class DeadlineJobTest {

    @Inject
    ExpiryJob expiry;
    @Inject
    DataSource dataSource;

    private void sql(String statement) throws Exception {
        Sql.execute(dataSource, statement);
    }

    @Test
    void activeSessionEndsAtItsExpiry() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201);
        // The clock is not ours to move: the expiry is, as if 900 seconds had passed.
        sql("UPDATE access_request SET session_expires_at = now() - interval '1 second' WHERE id = " + id);

        expiry.run();

        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("ENDED"));
        assertEquals(1, AuditTrail.count(id, "request.ended", null));
    }

    @Test
    void claimAbandonedByADeadProcessIsInterruptedNotRetried() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        // What a replica that died during AssumeRoot leaves behind: a committed claim and nothing after it.
        sql("UPDATE access_request SET status = 'STARTING', claimed_at = now() - interval '1 minute' WHERE id = " + id);
        expiry.run();
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("STARTING"));

        sql("UPDATE access_request SET claimed_at = now() - interval '10 minutes' WHERE id = " + id);
        expiry.run();

        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("INTERRUPTED"));
        assertEquals(1, AuditTrail.count(id, "request.interrupted", null));
        requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(409)
                .body("error", equalTo("already_started"));
    }
}
