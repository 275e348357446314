package dev.rootgate.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Principle 3: after a session is issued, neither the secret key nor the session token is in any table or the log. */
@QuarkusTest
class SecretsNeverRestTest {

    @Inject
    DataSource dataSource;

    @Test
    void issuedSecretsAreInNoTableAndNoLogLine() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        JsonPath issued = requester.api().post("/api/v1/requests/" + id + "/session").then().statusCode(201)
                .extract().jsonPath();
        String accessKeyId = issued.getString("accessKeyId");
        String secret = issued.getString("secretAccessKey");
        String token = issued.getString("sessionToken");

        String everyRow = dumpEveryTable();
        assertTrue(everyRow.contains(accessKeyId), "the access key ID is kept (CloudTrail correlation), so the dump is real");
        assertFalse(everyRow.contains(secret), "secret access key found in the database");
        assertFalse(everyRow.contains(token), "session token found in the database");
        assertFalse(everyRow.contains(token.substring(0, 40)), "part of the session token found in the database");

        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertTrue(log.contains("rootgate"), "the log file is the one the app writes");
        assertFalse(log.contains(secret), "secret access key found in the log");
        assertFalse(log.contains(token.substring(0, 40)), "session token found in the log");
    }

    private String dumpEveryTable() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("access_request") && tables.contains("audit_event"));
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        dump.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
