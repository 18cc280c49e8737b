package io.insightledger.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.time.Duration;

/**
 * A database of the platform's own beside the application's (identity, keys): a small pool, migrated at start-up from
 * {@code classpath:db/<name>} with a history table of its own. Not a {@code DataSource} bean: one would displace the
 * application's own database in Spring Boot's auto-configuration. Both APIs migrate it (Flyway locks, so whichever
 * comes first does the work).
 */
public final class OwnDatabase {

    private OwnDatabase() {
    }

    /**
     * @param name              the database's role, which names its migrations, history table and pool
     * @param connectionTimeout how long a caller waits for a connection while PostgreSQL is away
     * @param whyNeeded         the sentence that says what fails without it, for the error when its URL is not set
     */
    public static HikariDataSource open(String name, String url, String username, String password,
                                        String application, Duration connectionTimeout, String whyNeeded) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(whyNeeded);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setPoolName(application + "-" + name);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/" + name)
                    .table(name + "_schema_history").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }
}
