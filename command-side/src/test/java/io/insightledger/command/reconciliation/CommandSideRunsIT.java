package io.insightledger.command.reconciliation;

import io.insightledger.command.reconciliation.CommandSideRuns.UncleanRun;
import io.insightledger.infrastructure.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The unclean-stop detection on a real PostgreSQL, migrated as the command side migrates it. */
class CommandSideRunsIT {

    private static PostgresServer postgres;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        postgres = PostgresServer.start(null, 0);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl("runs"),
                postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/command-side").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aRunThatDidNotStopCleanlyIsReportedUntilTheTopicWasReconciledAfterIt() {
        assertThat(new CommandSideRuns(jdbc).begin()).as("a first start").isEmpty();

        // that run ends as kill -9 would end it: no graceful shutdown
        CommandSideRuns second = new CommandSideRuns(jdbc);
        List<UncleanRun> unclean = second.begin();
        assertThat(unclean).hasSize(1);
        second.destroy();

        // the reconciliation after it did not succeed: the next start still knows
        CommandSideRuns third = new CommandSideRuns(jdbc);
        assertThat(third.begin()).isEqualTo(unclean);
        third.reconciled(unclean);
        third.destroy();

        CommandSideRuns fourth = new CommandSideRuns(jdbc);
        assertThat(fourth.begin()).isEmpty();
        fourth.destroy();
        assertThat(jdbc.sql("SELECT count(*) FROM command_side_run").query(Long.class).single())
                .as("clean runs are deleted at the next start").isEqualTo(1);
    }
}
