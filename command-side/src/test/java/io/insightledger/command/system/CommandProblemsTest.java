package io.insightledger.command.system;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandProblemsTest {

    private final CommandProblems problems = new CommandProblems();

    @Test
    void aDatabaseThatIsAwayAnswers503WithRetryAfter() {
        // what Hikari throws when no connection comes in time, and what PostgreSQL says while shutting down
        assertUnavailable(problems.storageFailed(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))));
        assertUnavailable(problems.storageFailed(new JdbcException("Failed to create a SQL statement",
                new SQLException("terminating connection due to administrator command", "57P01"))));
        // a statement on a connection Hikari closed when an earlier one lost the server
        assertUnavailable(problems.storageFailed(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed"))));
        assertUnavailable(problems.concurrentWrite(new EventStoreException("could not be persisted",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))));
    }

    @Test
    void otherStorageFailuresStayWhatTheyWere() {
        DataIntegrityViolationException refused = new DataIntegrityViolationException("refused",
                new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021"));
        assertThatThrownBy(() -> problems.storageFailed(refused)).isSameAs(refused);
        ResponseEntity<ProblemDetail> raced = problems.concurrentWrite(new EventStoreException("duplicate"));
        assertThat(raced.getStatusCode().value()).isEqualTo(409);
        assertThat(raced.getBody().getProperties()).containsEntry("rule", "ConcurrentModification");
    }

    private static void assertUnavailable(ResponseEntity<ProblemDetail> answer) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getProperties()).containsEntry("rule", "StoreUnavailable");
    }
}
