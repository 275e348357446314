package dev.rootgate.audit;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.DatabaseRoles;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Sql;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Principle 1 and invariant 7: when the audit event cannot be written, the change it describes does not happen. */
@QuarkusTest
class NoAuditNoChangeTest {

    /** The schema owner adds the failing trigger: rootgate's own role may not. */
    private void sql(String statement) throws Exception {
        Sql.execute(DatabaseRoles.owner(), statement);
    }

    @Test
    void aChangeWhoseAuditEventFailsIsRolledBack() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        // The audit log refuses this one requester's cancellation, as a full disk or a lost connection would.
        sql("CREATE FUNCTION refuse_one_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'audit unavailable'; END $$");
        sql("CREATE TRIGGER refuse_one_audit BEFORE INSERT ON audit_event FOR EACH ROW"
                + " WHEN (NEW.actor = '" + requester.subject() + "' AND NEW.action = 'request.cancelled')"
                + " EXECUTE FUNCTION refuse_one_audit()");
        try {
            requester.api().post("/api/v1/requests/" + id + "/cancel").then().statusCode(500);
        } finally {
            sql("DROP TRIGGER refuse_one_audit ON audit_event");
            sql("DROP FUNCTION refuse_one_audit()");
        }
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("PENDING"));
        requester.api().post("/api/v1/requests/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
    }
}
