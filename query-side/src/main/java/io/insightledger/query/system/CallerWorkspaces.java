package io.insightledger.query.system;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Hands out connections of the reads pool, each told on every borrow whose workspaces it reads for: the caller's, or
 * none when nobody is signed in. PostgreSQL's policies (V7) then show it those rows only, whatever the query says.
 */
class CallerWorkspaces extends DelegatingDataSource implements AutoCloseable {

    /** Read by the policies' {@code readable_workspaces()}. */
    static final String SETTING = "insight.workspaces";

    private final Supplier<? extends Collection<String>> workspaces;

    CallerWorkspaces(DataSource pool, Supplier<? extends Collection<String>> workspaces) {
        super(pool);
        this.workspaces = workspaces;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(super.getConnection(username, password));
    }

    /** Closes the pool with the application. */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    private Connection scoped(Connection connection) throws SQLException {
        // for the session, not a transaction: a borrowed connection may run in auto-commit
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            statement.setString(1, SETTING);
            statement.setString(2, String.join(",", workspaces.get()));
            statement.execute();
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
