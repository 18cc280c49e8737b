package io.insightledger.platform.identity;

import com.zaxxer.hikari.HikariDataSource;
import io.insightledger.platform.OwnDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.function.Supplier;

/** The identity database ({@link OwnDatabase}): users, roles, tokens and workspaces. */
public final class IdentityDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    IdentityDatabase(IdentityProperties.Database settings, String application) {
        // a token check waits at most a second for the database, before the command's own 5 s wait for the event
        // store: while PostgreSQL is away, a token that must be looked up answers 503 within a second
        this.dataSource = OwnDatabase.open("identity", settings == null ? null : settings.url(),
                settings == null ? null : settings.username(), settings == null ? null : settings.password(),
                application, Duration.ofSeconds(1), "insight.identity.database.url (INSIGHT_IDENTITY_DB_URL) is not "
                        + "set: both APIs need the identity database to know who is calling");
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
