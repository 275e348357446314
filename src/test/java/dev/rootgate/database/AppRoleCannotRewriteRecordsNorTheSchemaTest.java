package dev.rootgate.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.AuditTrail;
import dev.rootgate.support.DatabaseRoles;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * rootgate runs as a role that owns nothing and holds only the grants of R__app_role_grants.sql: the privileges
 * themselves refuse it a rewrite of a record, a DDL statement or a trigger switched off, before any trigger runs.
 */
@QuarkusTest
class AppRoleCannotRewriteRecordsNorTheSchemaTest {

    private static final String PRIVILEGE_REFUSED = "42501";

    @Inject
    DataSource dataSource;

    @Test
    void theApplicationLogsInAsItsOwnRoleAndOwnsNothing() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals(DatabaseRoles.APP, single(statement, "SELECT current_user"));
            assertEquals("f", single(statement, "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls"
                    + " FROM pg_roles WHERE rolname = current_user"));
            assertEquals("0", single(statement, "SELECT count(*) FROM pg_class WHERE relowner = "
                    + "(SELECT oid FROM pg_roles WHERE rolname = current_user)"));
            assertEquals("0", single(statement, "SELECT count(*) FROM pg_proc WHERE proowner = "
                    + "(SELECT oid FROM pg_roles WHERE rolname = current_user)"));
            assertEquals(DatabaseRoles.OWNER, single(statement, "SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event'"));
        }
    }

    @Test
    void theApplicationCannotRewriteDeleteOrTruncateRecords() throws Exception {
        long id = Flows.approvedAuditRequest(TestUser.engineer());
        AuditTrail.sealEverything();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String rewrite : new String[] {
                    "UPDATE audit_event SET details = '{}' WHERE request_id = " + id,
                    "UPDATE audit_event SET actor = 'mallory', hash = repeat('a', 64) WHERE request_id = " + id,
                    "DELETE FROM audit_event WHERE request_id = " + id,
                    "TRUNCATE audit_event",
                    "UPDATE decision SET verdict = 'DENY' WHERE request_id = " + id,
                    "DELETE FROM decision WHERE request_id = " + id,
                    "TRUNCATE decision",
                    "DELETE FROM access_request WHERE id = " + id,
                    "DELETE FROM audit_checkpoint",
                    "UPDATE detection_finding SET summary = 'nothing' WHERE true",
                    "DELETE FROM detection_event" }) {
                assertPrivilegeRefused(statement, rewrite);
            }
            assertEquals("1", single(statement, "SELECT count(*) FROM decision WHERE request_id = " + id));
        }
        AuditTrail.sealAndVerifyWholeChain();
    }

    @Test
    void theApplicationCannotTurnATriggerOffNorChangeTheSchema() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String change : new String[] {
                    "ALTER TABLE audit_event DISABLE TRIGGER USER",
                    "ALTER TABLE audit_event DISABLE TRIGGER audit_event_seal_once",
                    "DROP TRIGGER audit_event_no_delete ON audit_event",
                    "DROP FUNCTION refuse_rewrite() CASCADE",
                    "CREATE OR REPLACE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                    "ALTER TABLE decision ADD COLUMN forged TEXT",
                    "DROP TABLE audit_checkpoint",
                    "CREATE TABLE shadow (id INT)",
                    "SET session_replication_role = replica" }) {
                assertPrivilegeRefused(statement, change);
            }
            assertEquals("t", single(statement, "SELECT bool_and(tgenabled = 'O') FROM pg_trigger"
                    + " WHERE tgrelid = 'audit_event'::regclass AND NOT tgisinternal"));
        }
    }

    /** Refused by a privilege (42501, "permission denied" or "must be owner"), not by a trigger's message. */
    private static void assertPrivilegeRefused(Statement statement, String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
        assertEquals(PRIVILEGE_REFUSED, refused.getSQLState(), sql + ": " + refused.getMessage());
        assertFalse(refused.getMessage().contains("refused"), sql + " met a trigger, not a privilege: " + refused.getMessage());
        assertTrue(refused.getMessage().contains("permission denied") || refused.getMessage().contains("must be owner"),
                sql + ": " + refused.getMessage());
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
