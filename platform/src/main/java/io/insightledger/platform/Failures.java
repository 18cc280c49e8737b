package io.insightledger.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Failures as people and retries read them. */
public final class Failures {

    private Failures() {
    }

    /** The failure and each of its causes, at most {@code max} characters: the outermost often says only "failed". */
    public static String describe(Throwable failure, int max) {
        StringBuilder description = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            description.append("; caused by ").append(cause);
        }
        return description.length() > max ? description.substring(0, max) : description.toString();
    }

    /**
     * Whether the failure comes from not reaching PostgreSQL, or losing it mid-statement: SQL states of class 08
     * (connection exception) and 57P (the server shutting down or starting), the pool giving up waiting for a
     * connection, or using one the pool already closed as broken. Nothing of the work was kept, and the same work later
     * may succeed. A statement PostgreSQL refused is something else.
     */
    public static boolean databaseAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // Hikari's closed connection answers every call with this, and no SQL state
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException && "Connection is closed".equals(cause.getMessage())) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
