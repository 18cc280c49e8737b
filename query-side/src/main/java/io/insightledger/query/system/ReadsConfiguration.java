package io.insightledger.query.system;

import com.zaxxer.hikari.HikariDataSource;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.security.CallerAuthentication;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.Set;

/**
 * The second wall between workspaces: the query API reads projections through a pool of its own, whose connections
 * act as {@code insight_reader} (PostgreSQL's row-level security applies to it, not to the owner or a superuser) and
 * name the caller's workspaces on every borrow. The projections write through the application's pool, which the
 * policies do not restrict. Neither bean here is a default candidate: only who asks for {@code @Qualifier("reads")}
 * gets them, and Spring Boot still configures the application's own pool and client.
 */
@Configuration(proxyBeanMethods = false)
class ReadsConfiguration {

    /** Who asks for the reads pool. */
    static final String READS = "reads";

    @Bean(defaultCandidate = false)
    @Qualifier(READS)
    DataSource readsDataSource(DataSourceProperties properties) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("reads");
        pool.setConnectionInitSql("SET ROLE insight_reader");
        pool.setReadOnly(true);
        return new CallerWorkspaces(pool,
                () -> CallerAuthentication.current().map(Caller::readable).orElse(Set.of()));
    }

    @Bean(defaultCandidate = false)
    @Qualifier(READS)
    JdbcClient readsJdbcClient(@Qualifier(READS) DataSource reads) {
        return JdbcClient.create(reads);
    }
}
