package io.insightledger.command.eventstore;

import io.insightledger.infrastructure.PostgresServer;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine over a real PostgreSQL: a gap is kept while a transaction that could fill it is open, whatever the
 * events' timestamps, and given up once none is (a rolled-back command leaves none behind for ever).
 */
class GapSafeEventStorageEngineIT {

    /** Older than Axon's default gap timeout of a minute. */
    private static final Instant LONG_AGO = Instant.now().minusSeconds(600);

    private static PostgresServer postgres;
    private static String url;

    @BeforeAll
    static void database() throws SQLException {
        postgres = PostgresServer.start(null, 0);
        url = postgres.jdbcUrl("gaps");
        Flyway.configure().dataSource(url, postgres.username(), postgres.password())
                .locations("classpath:db/command-side").load().migrate();
        execute(superuser(), "CREATE ROLE ledger LOGIN PASSWORD 'ledger'",
                "GRANT ALL ON DomainEventEntry, domainevententry_globalindex_seq TO ledger");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aGapIsKeptWhileItsTransactionIsOpenAndGivenUpOnceItRolledBack() throws Exception {
        GapSafeEventStorageEngine engine = engine(postgres.username(), postgres.password());
        GapAwareTrackingToken start = GapAwareTrackingToken.newInstance(append(superuser()), Set.of());
        try (Connection slow = transaction(); Connection failing = transaction()) {
            long late = append(slow);
            long rolledBack = append(failing);
            failing.rollback();
            long next = append(superuser());

            List<GapAwareTrackingToken> read = read(engine, start);
            assertThat(read).hasSize(1);
            GapAwareTrackingToken token = read.get(0);
            assertThat(token.getGaps()).containsExactly(late, rolledBack);
            // the slow transaction's event is old: Axon's own rule would give the gaps up on reading it
            pauseForTheNextCheck();
            assertThat(read(engine, token)).as("nothing new while the slow transaction is open").isEmpty();

            slow.commit();
            pauseForTheNextCheck();
            read = read(engine, token);
            assertThat(read).as("the late event").hasSize(1);
            token = read.get(0);
            assertThat(token.getIndex()).isEqualTo(next);
            assertThat(token.getGaps()).as("the rolled-back gap is given up").isEmpty();
        }
    }

    @Test
    void sessionsPostgresHidesFromTheEventStoresUserKeepEveryGap() throws Exception {
        GapSafeEventStorageEngine engine = engine("ledger", "ledger");
        GapAwareTrackingToken start = GapAwareTrackingToken.newInstance(append(superuser()), Set.of());
        long rolledBack;
        try (Connection failing = transaction(); Connection someoneElse = transaction()) {
            rolledBack = append(failing);
            failing.rollback();
            // another role's session, only reading: its details are hidden from ledger (no pg_read_all_stats)
            execute(someoneElse, "SELECT 1");
            append(superuser());
            GapAwareTrackingToken token = read(engine, start).get(0);
            append(superuser());
            pauseForTheNextCheck();

            assertThat(read(engine, token).get(0).getGaps()).containsExactly(rolledBack);
        }
    }

    private static GapSafeEventStorageEngine engine(String user, String password) {
        DataSource dataSource = new DriverManagerDataSource(url, user, password);
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return new GapSafeEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactions)
                .schema(new EventSchema())
                .gapTimeout(Integer.MAX_VALUE)
                .maxGapOffset(Integer.MAX_VALUE), transactions);
    }

    /** The tokens of the events read from {@code token} on. */
    private static List<GapAwareTrackingToken> read(GapSafeEventStorageEngine engine, GapAwareTrackingToken token) {
        return engine.readEvents(token, false).map(event -> (GapAwareTrackingToken) event.trackingToken()).toList();
    }

    /** One event of its own aggregate, timestamped long ago; its global index. */
    private static long append(Connection connection) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                                              payload, payloadType, timeStamp)
                VALUES (?, 0, 'Meeting', ?, '{}'::bytea, '"recorded"'::bytea, 'java.lang.String', ?)
                RETURNING globalIndex""")) {
            insert.setString(1, "m-" + id);
            insert.setString(2, id);
            insert.setString(3, LONG_AGO.toString());
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } finally {
            if (connection.getAutoCommit()) {
                connection.close();
            }
        }
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(url, postgres.username(), postgres.password());
    }

    private static Connection transaction() throws SQLException {
        Connection connection = superuser();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } finally {
            if (connection.getAutoCommit()) {
                connection.close();
            }
        }
    }

    /** The engine looks at open transactions at most once a second. */
    private static void pauseForTheNextCheck() throws InterruptedException {
        Thread.sleep(1_100);
    }
}
