package dev.rootgate.support;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded database as the roles other than rootgate's reach it. rootgate's own role is the injected
 * {@code DataSource}: it may not change the schema, turn a trigger off or rewrite a record. Tests that act as
 * the schema owner (whose statements still meet the triggers) or as the superuser use these.
 */
public final class DatabaseRoles {

    public static final String APP = "rootgate_app";
    public static final String OWNER = "rootgate_owner";
    public static final String SUPERUSER = "postgres";

    private DatabaseRoles() {
    }

    /** The role migrations run as: it owns the tables, so no grant stops its statements, only the triggers. */
    public static DataSource owner() {
        return as(OWNER);
    }

    /** zonky's superuser: a test tampering behind rootgate's back, as whoever administers the database could. */
    public static DataSource superuser() {
        return as(SUPERUSER);
    }

    public static DataSource as(String role) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        dataSource.setUser(role);
        dataSource.setPassword(role);
        return dataSource;
    }
}
