package io.insightledger.query.system;

import io.insightledger.infrastructure.PostgresServer;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.core.context.SecurityContextHolder;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL with the projection schema migrated, written to as the application does and read through the
 * reads pool exactly as configured. The application's user is a superuser, as in tests and the standalone launcher,
 * or an ordinary owner of its database that may create roles, as a production installation may have it. Register it
 * as a test class's extension to sign out after each test and close it after the class. One server serves every test
 * class of the run, each in databases of its own; an ordinary user gets a server of their own.
 */
public final class ProjectionDatabase implements AutoCloseable, AfterEachCallback, AfterAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    /** A cluster of its own, for an ordinary user: the reader role must be theirs to grant (see V7). */
    private final PostgresServer own;
    private final DataSource owner;
    private final CallerWorkspaces reads;

    public ProjectionDatabase() {
        this(false);
    }

    public ProjectionDatabase(boolean ordinaryUser) {
        own = ordinaryUser ? PostgresServer.start(null, 0) : null;
        PostgresServer server = ordinaryUser ? own : server();
        String database = "projections_" + DATABASES.incrementAndGet();
        String username = server.username();
        if (ordinaryUser) {
            username = "insight_app_" + DATABASES.get();
            JdbcClient admin = JdbcClient.create(new DriverManagerDataSource(server.jdbcUrl("postgres"),
                    server.username(), server.password()));
            admin.sql("CREATE ROLE " + username + " LOGIN CREATEROLE PASSWORD '" + server.password() + "'").update();
            admin.sql("CREATE DATABASE " + database + " OWNER " + username).update();
        }
        String url = server.jdbcUrl(database);
        owner = new DriverManagerDataSource(url, username, server.password());
        Flyway.configure().dataSource(owner).locations("classpath:db/query-side").load().migrate();
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        properties.setUsername(username);
        properties.setPassword(server.password());
        reads = (CallerWorkspaces) new ReadsConfiguration().readsDataSource(properties);
    }

    /** What the projections write with: the application's user, whom no policy restricts. */
    public JdbcClient owner() {
        return JdbcClient.create(owner);
    }

    public DataSource ownerPool() {
        return owner;
    }

    /** The query API's reads pool. */
    public DataSource reads() {
        return reads;
    }

    public BatchedWrites writes() {
        return new BatchedWrites(new JdbcTemplate(owner));
    }

    public ProjectionChanges changes() {
        return new ProjectionChanges(1, new SimpleMeterRegistry());
    }

    /** Signs this thread in as a viewer of these workspaces (none: nobody signed in). */
    public static void signIn(String... workspaces) {
        if (workspaces.length == 0) {
            SecurityContextHolder.clearContext();
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(new Caller("viewer",
                Optional.of(Role.VIEWER), TokenScope.SESSION, Optional.empty(),
                Arrays.stream(workspaces).collect(Collectors.toMap(Function.identity(), workspace -> Role.VIEWER)))));
    }

    /** As a test class's extension: each test starts with nobody signed in. */
    @Override
    public void afterEach(ExtensionContext context) {
        SecurityContextHolder.clearContext();
    }

    /** As a test class's extension: the server stops with the class. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "projection-database-stop"));
        }
        return server;
    }

    @Override
    public void close() throws Exception {
        SecurityContextHolder.clearContext();
        reads.close();
        if (own != null) {
            own.close();
        }
    }
}
