package dev.rootgate.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Plain SQL on the application's database, for what a test must do behind rootgate's back. */
public final class Sql {

    private Sql() {
    }

    public static void execute(DataSource dataSource, String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
