package io.insightledger.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates databases on first use, the same way on the embedded server and in the container. */
final class PostgresDatabases {

    // the name goes into the JDBC URL unescaped and into CREATE DATABASE quoted, so keep it to safe characters
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private PostgresDatabases() {
    }

    static String jdbcUrl(String host, int port, String username, String password, String database) {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name must match " + NAME + ": '" + database + "'");
        }
        try (Connection admin = DriverManager.getConnection(url(host, port, "postgres"), username, password)) {
            if (!exists(admin, database)) {
                create(admin, database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on " + host + ":" + port, e);
        }
        return url(host, port, database);
    }

    private static void create(Connection admin, String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            // another JVM or thread may have created it in the meantime; that is what we wanted
            if (!exists(admin, database)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
