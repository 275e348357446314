package dev.rootgate.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.identity.Actor;
import dev.rootgate.support.Sql;
import dev.rootgate.support.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Audit events are never changed, so one event that a query cannot read would break that query for good. Text that
 * PostgreSQL's jsonb refuses (U+0000) is never written, a row that holds it anyway does not break the filters, and a
 * filter the database cannot run is a 400 naming it, refused before anything (an export's own event) is written.
 * Anyone but auditors and admins is refused before their filters are read.
 */
@QuarkusTest
class OddInputCannotBreakTheAuditLogTest {

    private static final Actor SOMEONE = new Actor("odd-input-test", "Odd Input", "odd", "192.0.2.9");

    @Inject
    AuditLog audit;
    @Inject
    DataSource dataSource;

    private final TestUser auditor = TestUser.auditor();

    @Test
    void nulInDetailsIsWrittenAsTheReplacementCharacter() {
        AuditEvent written = QuarkusTransaction.requiringNew().call(() -> audit.append(SOMEONE, "test.odd_text",
                AuditLog.Subject.NONE, Map.of("note", "a\u0000b", "nested", Map.of("list", java.util.List.of("c\u0000")))));
        assertFalse(written.details.contains("\\u0000"), written.details);
        assertTrue(written.details.contains("a\uFFFDb") && written.details.contains("c\uFFFD"), written.details);
        auditor.api().get("/api/v1/audit/events?action=test.odd_text&reason=none_such").then().statusCode(200);
    }

    /** A row written before NUL was kept out (details are text, so it was stored) must not break the reason filter. */
    @Test
    void aStoredNulEscapeDoesNotBreakTheReasonFilter() throws Exception {
        Sql.execute(dataSource, "INSERT INTO audit_event (occurred_at, actor, action, details) VALUES (now(), 'legacy',"
                + " 'test.legacy_nul', '{\"actorName\":\"legacy\",\"actorUsername\":\"legacy\",\"note\":\"a\\u0000b\"}')");
        auditor.api().get("/api/v1/audit/events?reason=self_approval").then().statusCode(200);
        auditor.api().get("/api/v1/audit/events?reason=none_such&action=test.legacy_nul").then().statusCode(200)
                .body("total", equalTo(0));
        auditor.api().get("/api/v1/audit/export?format=jsonl&reason=self_approval").then().statusCode(200);
    }

    @Test
    void filterTheDatabaseCannotRunIsA400AndNoExportIsRecorded() {
        int exportsBefore = exports();
        auditor.api().queryParam("actor", "a\u0000b").get("/api/v1/audit/events").then().statusCode(400)
                .body("field", equalTo("actor"));
        auditor.api().queryParam("to", "+294277-01-01T00:00:00Z").get("/api/v1/audit/events").then().statusCode(400)
                .body("field", equalTo("to"));
        auditor.api().queryParam("from", "+999999999-12-31T23:59:59Z").get("/api/v1/audit/events").then()
                .statusCode(400).body("field", equalTo("from"));
        auditor.api().queryParam("format", "jsonl").queryParam("actor", "\u0000").get("/api/v1/audit/export").then()
                .statusCode(400).body("field", equalTo("actor"));
        auditor.api().queryParam("format", "csv").queryParam("to", "+294277-01-01T00:00:00Z")
                .get("/api/v1/audit/export").then().statusCode(400).body("field", equalTo("to"));
        assertEquals(exportsBefore, exports(), "an export refused for its filters is no export");
    }

    @Test
    void othersAreRefusedBeforeTheirFiltersAreRead() {
        for (TestUser someone : new TestUser[] { TestUser.engineer(), TestUser.approver() }) {
            for (String path : new String[] { "/api/v1/audit/events?size=abc", "/api/v1/audit/events?from=x",
                    "/api/v1/audit/export", "/api/v1/audit/export?format=xml", "/api/v1/findings?severity=x",
                    "/api/v1/findings/abc" }) {
                someone.api().get(path).then().statusCode(403).body("error", equalTo("not_auditor"));
            }
        }
    }

    private int exports() {
        return auditor.api().get("/api/v1/audit/events?action=audit.exported&size=1").then().statusCode(200)
                .extract().path("total");
    }
}
