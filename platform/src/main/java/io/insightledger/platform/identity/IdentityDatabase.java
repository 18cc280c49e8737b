package io.insightledger.platform.identity;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * The identity database, with a small pool of its own. Not a {@code DataSource} bean: one would displace the
 * application's own database in Spring Boot's auto-configuration. Both APIs migrate it at start-up (Flyway locks,
 * so whichever comes first does the work).
 */
public final class IdentityDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    IdentityDatabase(IdentityProperties.Database settings, String application) {
        if (settings == null || settings.url() == null || settings.url().isBlank()) {
            throw new IllegalStateException("insight.identity.database.url (INSIGHT_IDENTITY_DB_URL) is not set: "
                    + "both APIs need the identity database to know who is calling");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setPoolName(application + "-identity");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // a token check waits at most this for the database, before the command's own 5 s wait for the event store:
        // while PostgreSQL is away, a token that must be looked up answers 503 within a second
        config.setConnectionTimeout(1_000);
        this.dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/identity")
                .table("identity_schema_history").load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
