package io.insightledger.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @Test
    void createsDatabasesWhoseDataSurvivesARestartOnTheSameDirectory(@TempDir Path dataDir) throws SQLException {
        try (PostgresServer postgres = PostgresServer.start(dataDir, 0)) {
            String commands = postgres.jdbcUrl("commands");
            String queries = postgres.jdbcUrl("queries");
            assertThat(commands).startsWith("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/");
            assertThat(postgres.jdbcUrl("commands")).isEqualTo(commands);
            assertThat(queryOne(postgres, queries, "SELECT current_database()")).isEqualTo("queries");
            execute(postgres, commands, "CREATE TABLE meeting (id text PRIMARY KEY)");
            execute(postgres, commands, "INSERT INTO meeting VALUES ('kept')");
        }

        try (PostgresServer restarted = PostgresServer.start(dataDir, 0)) {
            assertThat(queryOne(restarted, restarted.jdbcUrl("commands"), "SELECT id FROM meeting")).isEqualTo("kept");
            assertThat(queryOne(restarted, restarted.jdbcUrl("postgres"),
                    "SELECT count(*) FROM pg_database WHERE datname IN ('commands', 'queries')")).isEqualTo("2");
        }
    }

    /** A commit that returned is on disk: zonky's -F and synchronous_commit=off would lose it in a crash. */
    @Test
    void keptDataIsWrittenDurably(@TempDir Path dataDir) throws SQLException {
        try (PostgresServer postgres = PostgresServer.start(dataDir, 0)) {
            String url = postgres.jdbcUrl("postgres");
            assertThat(queryOne(postgres, url, "SHOW fsync")).isEqualTo("on");
            assertThat(queryOne(postgres, url, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(queryOne(postgres, url, "SHOW full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void temporaryDirectoryIsRemovedOnClose() throws SQLException {
        Path dataDir;
        try (PostgresServer postgres = PostgresServer.start(null, 0)) {
            dataDir = postgres.dataDirectory();
            assertThat(dataDir.resolve("PG_VERSION")).exists();
            assertThat(queryOne(postgres, postgres.jdbcUrl("scratch"), "SHOW server_version")).startsWith("17.");
            // nothing to protect from a crash: tests keep their speed
            assertThat(queryOne(postgres, postgres.jdbcUrl("scratch"), "SHOW fsync")).isEqualTo("off");
        }
        assertThat(Files.exists(dataDir)).isFalse();
    }

    /** What a restart of the database under load needs: the same port and data, and a temporary directory still goes on close. */
    @Test
    void aStoppedServerRefusesConnectionsAndRestartsOnTheSamePortWithItsData() throws SQLException {
        Path dataDir;
        try (PostgresServer postgres = PostgresServer.start(null, 0)) {
            dataDir = postgres.dataDirectory();
            int port = postgres.port();
            String url = postgres.jdbcUrl("scratch");
            execute(postgres, url, "CREATE TABLE survivor (id text)");
            execute(postgres, url, "INSERT INTO survivor VALUES ('kept')");

            postgres.stop();
            assertThat(dataDir.resolve("PG_VERSION")).exists();
            assertThatThrownBy(() -> queryOne(postgres, url, "SELECT 1")).isInstanceOf(SQLException.class);

            postgres.restart();
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(queryOne(postgres, url, "SELECT id FROM survivor")).isEqualTo("kept");
        }
        assertThat(Files.exists(dataDir)).isFalse();
    }

    private static void execute(PostgresServer postgres, String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryOne(PostgresServer postgres, String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
