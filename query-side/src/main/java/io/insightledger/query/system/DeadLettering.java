package io.insightledger.query.system;

import io.insightledger.platform.Failures;
import io.insightledger.platform.kafka.EventTopic;
import io.insightledger.platform.kafka.UnreadableRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * How a projection deals with an event it may not be able to apply: apply it alone, all or nothing, and park it in the
 * dead-letter queue if it fails for a reason of its own. A failure of the database itself (gone, restarting, a
 * deadlock) is not the event's fault: it fails the batch, which the processor tries again.
 */
@Component
public class DeadLettering {

    private static final Logger log = LoggerFactory.getLogger(DeadLettering.class);
    private static final int MAX_CAUSE = 4_000;

    private final DeadLetterQueue queue;
    private final ProjectionCursor cursor;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final EventTopic topic;
    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final MeterRegistry meters;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Clock clock = Clock.systemUTC();

    DeadLettering(DeadLetterQueue queue, ProjectionCursor cursor, KafkaMessageConverter<String, byte[]> converter,
                  EventTopic topic, JdbcClient jdbc, PlatformTransactionManager transactions, MeterRegistry meters,
                  @Value("${insight.dead-letters.retry-after}") Duration firstRetry,
                  @Value("${insight.dead-letters.max-retry-after}") Duration maxRetry) {
        this.queue = queue;
        this.cursor = cursor;
        this.converter = converter;
        this.topic = topic;
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.meters = meters;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
    }

    /**
     * Applies one event as a unit of its own inside a savepoint of the caller's transaction: its cursor, its writes,
     * its re-folds and its deferred constraints are all checked before this returns, and on failure all are undone.
     */
    public <T> T applyAlone(String projection, EventMessage<?> event, Callable<T> handlers) throws Exception {
        try {
            return savepoint.execute(status -> {
                T result = BatchWork.alone(event, () -> {
                    if (event instanceof DomainEventMessage<?> domain) {
                        ProjectionCursor.Step step = cursor.advance(projection, domain);
                        if (step.place() == ProjectionCursor.Place.SEEN) {
                            return null;
                        }
                        if (step.place() == ProjectionCursor.Place.AHEAD) {
                            throw new EventsMissing(step.whyWaiting(domain.getSequenceNumber()));
                        }
                    }
                    try {
                        return handlers.call();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new HandlerFailed(e);
                    }
                });
                // constraints deferred to the commit (see V5) would otherwise fail the whole batch, not this event
                jdbc.sql("SET CONSTRAINTS ALL IMMEDIATE").update();
                jdbc.sql("SET CONSTRAINTS ALL DEFERRED").update();
                return result;
            });
        } catch (HandlerFailed e) {
            throw (Exception) e.getCause();
        }
    }

    /** Parks an event that failed for a reason of its own. */
    public void park(String projection, EventMessage<?> event, String cause) {
        Instant now = clock.instant();
        DeadLetterQueue.Parcel parcel = parcelOf(event);
        queue.park(projection, parcel, truncated(cause), now, now.plus(retryAfter(1)));
        log.warn("Projection {} parked event {} of {} (sequence {}) as a dead letter: {}", projection,
                parcel.eventType(), parcel.aggregateId(), parcel.sequenceNumber(), truncated(cause));
        counter("insight.projection.dead.letters.parked", projection, "Events parked because they failed").increment();
    }

    /** Parks an event behind an earlier letter of its aggregate, so that the aggregate's order holds. */
    public void parkBehind(String projection, EventMessage<?> event) {
        Instant now = clock.instant();
        queue.park(projection, parcelOf(event), null, now, now);
        counter("insight.projection.dead.letters.waiting", projection,
                "Events parked behind an earlier dead letter of their aggregate").increment();
    }

    /** How long to wait before the next try, after this many failed ones: doubling from the first, up to the most. */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }

    /** The aggregate an event keeps in order, as the queue stores it. */
    public static String aggregateOf(EventMessage<?> event) {
        if (event.getPayload() instanceof UnreadableRecord unreadable) {
            return DeadLetterQueue.aggregateKey(unreadable.aggregateId());
        }
        return event instanceof DomainEventMessage<?> domain ? DeadLetterQueue.aggregateKey(
                domain.getAggregateIdentifier()) : "event@" + event.getIdentifier();
    }

    Counter counter(String name, String projection, String description) {
        return Counter.builder(name).tag("projection", projection).description(description).register(meters);
    }

    /**
     * Whether a failure belongs to the database rather than to the event: then the batch fails and is tried again,
     * and nothing is parked.
     */
    public static boolean isTransient(Throwable failure) {
        if (Failures.databaseAway(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransactionException) {
                return true;
            }
            // insufficient resources, serialization failure, deadlock: the same work may succeed next time
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("53")
                    || sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    /** A failure and its causes, as a letter records it. */
    public static String describe(Throwable failure) {
        return failure instanceof EventsMissing ? failure.getMessage() : Failures.describe(failure, MAX_CAUSE);
    }

    private DeadLetterQueue.Parcel parcelOf(EventMessage<?> event) {
        if (event.getPayload() instanceof UnreadableRecord unreadable) {
            return new DeadLetterQueue.Parcel(unreadable.aggregateId(), unreadable.sequenceNumber(),
                    unreadable.eventType(), event.getIdentifier(), unreadable.value(), unreadable.partition(),
                    unreadable.offset());
        }
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        return new DeadLetterQueue.Parcel(aggregateOf(event), domain == null ? null : domain.getSequenceNumber(),
                event.getPayloadType().getName(), event.getIdentifier(),
                converter.createKafkaMessage(event, topic.name()).value(), null, null);
    }

    private static String truncated(String cause) {
        return cause != null && cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) : cause;
    }

    /** An event whose aggregate's earlier events have not arrived: it cannot be applied yet. */
    static final class EventsMissing extends IllegalStateException {
        EventsMissing(String message) {
            super(message);
        }
    }

    /** Carries a handler's checked exception through the transaction template. */
    private static final class HandlerFailed extends RuntimeException {
        HandlerFailed(Exception cause) {
            super(cause);
        }
    }
}
