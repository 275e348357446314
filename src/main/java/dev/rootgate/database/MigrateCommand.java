package dev.rootgate.database;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code rootgate migrate}: applies db-migrations as the schema owner, then exits. Production runs it before the
 * application (an init container), so the owner's password is never given to the application, whose role may not
 * change the schema. It reads the settings the application reads, from system properties or the environment:
 * the database URL, the owner's login ({@code quarkus.flyway.username/password}) and the application's login name
 * ({@code quarkus.datasource.username}), which receives its grants.
 */
public final class MigrateCommand {

    public static final String NAME = "migrate";
    static final String URL = "quarkus.datasource.jdbc.url";
    static final String OWNER = "quarkus.flyway.username";
    static final String OWNER_PASSWORD = "quarkus.flyway.password";
    static final String APP_ROLE = "quarkus.datasource.username";

    private MigrateCommand() {
    }

    /** The exit status: 0 migrated (or nothing to do), 1 the migration failed, 2 a setting is missing. */
    public static int run(Function<String, Optional<String>> settings, PrintStream out, PrintStream err) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of(URL, OWNER, OWNER_PASSWORD, APP_ROLE)) {
            if (settings.apply(key).filter(value -> !value.isBlank()).isEmpty()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            err.println("migrate needs " + String.join(", ", missing)
                    + " (system properties, or environment variables such as QUARKUS_FLYWAY_USERNAME)");
            return 2;
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(settings.apply(URL).get(), settings.apply(OWNER).get(), settings.apply(OWNER_PASSWORD).get())
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("app_role", settings.apply(APP_ROLE).get()))
                    .load().migrate();
            out.println("migrated " + result.migrationsExecuted + " migration(s); schema version "
                    + Optional.ofNullable(result.targetSchemaVersion).orElse(result.initialSchemaVersion));
            return 0;
        } catch (FlywayException e) {
            err.println("migration failed: " + e.getMessage());
            return 1;
        }
    }

    /** A setting as Quarkus would find it: a system property, else its environment variable (QUARKUS_FLYWAY_USERNAME). */
    public static Optional<String> setting(String key) {
        return Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"))));
    }
}
