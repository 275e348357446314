package dev.rootgate.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged jar's migrate command, as the Deployment's init container runs it: on a database set up as
 * deploy/README.md says, it migrates as the owner and leaves the application's role its grants and nothing more;
 * run again, it has nothing to do; without its settings it names them.
 */
class MigrateCommandIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static EmbeddedPostgres postgres;
    private static String url;

    private record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE site_owner LOGIN PASSWORD 'owner-password'");
            statement.execute("CREATE ROLE site_app LOGIN PASSWORD 'app-password'");
            statement.execute("CREATE DATABASE site OWNER site_owner");
        }
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/site";
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static Run migrate(Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "migrate"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("ROOTGATE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("migrate did not finish:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static Map<String, String> settings() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", url, "QUARKUS_DATASOURCE_USERNAME", "site_app",
                "QUARKUS_FLYWAY_USERNAME", "site_owner", "QUARKUS_FLYWAY_PASSWORD", "owner-password");
    }

    @Test
    void migratesAsTheOwnerAndGrantsTheApplicationOnlyWhatItNeeds() throws Exception {
        Run first = migrate(settings());
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().matches("(?s).*migrated [1-9][0-9]* migration\\(s\\).*"), first.output());

        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setUrl(url);
        app.setUser("site_app");
        app.setPassword("app-password");
        try (Connection connection = app.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM audit_event").close();
            statement.executeQuery("SELECT count(*) FROM flyway_schema_history").close();
            for (String refused : List.of("DELETE FROM audit_event", "TRUNCATE decision",
                    "ALTER TABLE audit_event DISABLE TRIGGER USER", "CREATE TABLE shadow (id INT)")) {
                SQLException e = assertThrows(SQLException.class, () -> statement.execute(refused), refused);
                assertEquals("42501", e.getSQLState(), refused + ": " + e.getMessage());
            }
        }

        Run again = migrate(settings());
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("migrated 0 migration(s)"), again.output());
    }

    @Test
    void withoutItsSettingsItNamesThemAndMigratesNothing() throws Exception {
        Run run = migrate(Map.of("QUARKUS_DATASOURCE_JDBC_URL", url));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("quarkus.flyway.username, quarkus.flyway.password, quarkus.datasource.username"),
                run.output());
    }
}
