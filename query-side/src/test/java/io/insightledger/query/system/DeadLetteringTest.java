package io.insightledger.query.system;

import io.insightledger.platform.kafka.UnreadableRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetteringTest {

    private final DeadLettering deadLettering = new DeadLettering(null, null, null, null, null, null, null,
            Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheMost() {
        assertThat(deadLettering.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(deadLettering.retryAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(deadLettering.retryAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(deadLettering.retryAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(deadLettering.retryAfter(1_000)).isEqualTo(Duration.ofHours(1));
    }

    /** The database being away is not the event's fault: the batch is tried again and nothing is parked. */
    @Test
    void failuresOfTheDatabaseItselfAreTransientAnEventsOwnAreNot() {
        assertThat(DeadLettering.isTransient(new CannotGetJdbcConnectionException("gone"))).isTrue();
        assertThat(DeadLettering.isTransient(new CannotCreateTransactionException("gone"))).isTrue();
        assertThat(DeadLettering.isTransient(new RuntimeException(
                new PSQLException("terminating connection due to administrator command", PSQLState.UNKNOWN_STATE) {
                    @Override
                    public String getSQLState() {
                        return "57P01";
                    }
                }))).isTrue();
        assertThat(DeadLettering.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(DeadLettering.isTransient(new SQLException("I/O error", "08006"))).isTrue();

        assertThat(DeadLettering.isTransient(new DataIntegrityViolationException("invalid byte sequence",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(DeadLettering.isTransient(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void anEventKeepsItsAggregatesOrderAndAnUnreadableOneTheAggregateItNames() {
        assertThat(DeadLettering.aggregateOf(new GenericDomainEventMessage<>("Meeting", "m-1", 3, "payload")))
                .isEqualTo("m-1");
        assertThat(DeadLettering.aggregateOf(new GenericDomainEventMessage<>("UnreadableRecord", "m-2", 0,
                new UnreadableRecord("bad", "m-2\u0000", null, null, 0, 7, new byte[0])))).isEqualTo("m-2\uFFFD");
    }
}
