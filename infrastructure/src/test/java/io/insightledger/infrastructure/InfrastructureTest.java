package io.insightledger.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insightledger.infrastructure.Infrastructure.Options;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTest {

    @AfterEach
    void clearSwitch() {
        System.clearProperty(InfrastructureChoice.SWITCH);
    }

    @Test
    void embeddedKeepsDataInTheDataDirectoryAndCanTakeKafkaAndPostgresAway(@TempDir Path dataDir) throws Exception {
        try (Infrastructure infrastructure = Infrastructure.embedded(new Options(dataDir, 0, 0))) {
            execute(infrastructure, "CREATE TABLE hypothesis (id text)");
            try (Admin admin = admin(infrastructure)) {
                admin.createTopics(List.of(new NewTopic("hypotheses", 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }

            infrastructure.stopKafka();
            String[] hostAndPort = infrastructure.kafkaBootstrapServers().split(":");
            assertThatThrownBy(() -> new Socket().connect(
                    new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 1000))
                    .isInstanceOf(ConnectException.class);
            infrastructure.startKafka();

            try (Admin admin = admin(infrastructure)) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("hypotheses");
            }

            infrastructure.stopPostgres();
            assertThatThrownBy(() -> execute(infrastructure, "SELECT 1")).isInstanceOf(Exception.class);
            infrastructure.startPostgres();
            execute(infrastructure, "SELECT count(*) FROM hypothesis");
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();
        assertThat(dataDir.resolve("kafka")).isDirectory();

        try (Infrastructure restarted = Infrastructure.embedded(new Options(dataDir, 0, 0))) {
            execute(restarted, "SELECT count(*) FROM hypothesis");
            try (Admin admin = admin(restarted)) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("hypotheses");
            }
        }
    }

    @Test
    void switchForcesEmbedded() {
        System.setProperty(InfrastructureChoice.SWITCH, "embedded");
        try (Infrastructure infrastructure = Infrastructure.start(Options.temporary())) {
            assertThat(infrastructure).isInstanceOf(EmbeddedInfrastructure.class);
        }
    }

    @Test
    void containersCannotKeepADataDirectory(@TempDir Path dataDir) {
        System.setProperty(InfrastructureChoice.SWITCH, "containers");
        assertThatThrownBy(() -> Infrastructure.start(new Options(dataDir, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownSwitchValueIsRejected() {
        System.setProperty(InfrastructureChoice.SWITCH, "docker");
        assertThatThrownBy(() -> Infrastructure.start(Options.temporary()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docker");
    }

    private static void execute(Infrastructure infrastructure, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                infrastructure.jdbcUrl("ledger"), infrastructure.username(), infrastructure.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Admin admin(Infrastructure infrastructure) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
    }
}
