package io.insightledger.query.system;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads pool comes beside the application's, not instead of it: whoever asks for a plain DataSource or JdbcClient
 * (the projections, the migrations) still gets the application's user; only {@code @Qualifier("reads")} reads as
 * insight_reader.
 */
@SpringBootTest(classes = ReadsWiringTest.Reads.class)
class ReadsWiringTest {

    private static final ProjectionDatabase DATABASE = new ProjectionDatabase();

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import(ReadsConfiguration.class)
    static class Reads {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        String url = DATABASE.owner().sql("SELECT 'jdbc:postgresql://127.0.0.1:' || current_setting('port') || '/' "
                + "|| current_database()").query(String.class).single();
        properties.add("spring.datasource.url", () -> url);
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("spring.datasource.password", () -> "postgres");
        properties.add("spring.flyway.locations", () -> "classpath:db/query-side");
    }

    @Autowired
    DataSource application;
    @Autowired
    JdbcClient writes;
    @Autowired
    @Qualifier("reads")
    JdbcClient reads;
    @Autowired
    Flyway flyway;

    @AfterAll
    static void close() throws Exception {
        DATABASE.close();
    }

    @Test
    void theProjectionsKeepTheApplicationsPoolAndTheQueriesReadAsTheRestrictedRole() {
        assertThat(application).isNotInstanceOf(CallerWorkspaces.class);
        assertThat(flyway.getConfiguration().getDataSource()).isSameAs(application);
        assertThat(writes.sql("SELECT current_user").query(String.class).single()).isEqualTo("postgres");
        assertThat(reads.sql("SELECT current_user").query(String.class).single()).isEqualTo("insight_reader");
    }
}
