package dev.rootgate.support;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

/** The steps most tests walk through before reaching the rule they test. */
public final class Flows {

    public static final String ANY_ACCOUNT = "111122223333";   // one-approval, two-approvals (ou:prod)
    public static final String SANDBOX = "444455556666";       // ou:dev: two-approvals, ticketed
    public static final String RESTRICTED = "555566667777";    // office-network: 10.0.0.0/8 only
    public static final String QUORUM = "777788889999";        // quorum-of-three
    public static final String EPHEMERAL = "888899990000";     // short-deadlines

    private Flows() {
    }

    public static Map<String, Object> body(String accountId, String taskPolicy) {
        return Map.of("accountId", accountId, "taskPolicy", taskPolicy, "justification", "rotate after incident review");
    }

    public static long request(TestUser requester, String accountId, String taskPolicy) {
        return requester.api().body(body(accountId, taskPolicy)).post("/api/v1/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static void approve(TestUser approver, long id) {
        approver.api().body(Map.of("decision", "APPROVE", "comment", "ok")).post("/api/v1/requests/" + id + "/decisions")
                .then().statusCode(200);
    }

    /** A request of the one-approval rule, approved and ready to start. */
    public static long approvedAuditRequest(TestUser requester) {
        long id = request(requester, ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        approve(TestUser.approver(), id);
        requester.api().get("/api/v1/requests/" + id).then().body("status", equalTo("APPROVED"));
        return id;
    }
}
