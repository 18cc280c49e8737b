package io.insightledger.query.system;

import io.insightledger.platform.kafka.EventTopic;
import io.insightledger.platform.kafka.UnreadableRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Tries dead letters again: on an administrator's request, and on their own when their back-off has passed. A retry
 * takes an aggregate's letters in order from the first, applies each alone as the processor would, and stops at the
 * first that fails again; a letter applied is removed in the same transaction.
 */
@Component
public class DeadLetterRetries {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetries.class);
    private static final int DUE_PER_ROUND = 100;

    /**
     * What a retry did.
     *
     * @param applied   letters applied (and removed), in order
     * @param remaining letters of the aggregate still parked
     * @param cause     why the first remaining letter failed again; null if it was not tried
     */
    public record Outcome(String projection, String aggregateId, int applied, long remaining, String cause) {
    }

    private final DeadLetterQueue queue;
    private final DeadLettering deadLettering;
    private final EventProcessingConfiguration processing;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final EventTopic topic;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    DeadLetterRetries(DeadLetterQueue queue, DeadLettering deadLettering, EventProcessingConfiguration processing,
                      KafkaMessageConverter<String, byte[]> converter, EventTopic topic,
                      PlatformTransactionManager transactionManager) {
        this.queue = queue;
        this.deadLettering = deadLettering;
        this.processing = processing;
        this.converter = converter;
        this.topic = topic;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Tries the letter's aggregate again, from its first letter. */
    public Outcome retry(long id) {
        DeadLetterQueue.Letter letter = queue.find(id).orElseThrow(() -> new NotFoundException("dead letter", "" + id));
        return retry(letter.projection(), letter.aggregateId());
    }

    /**
     * Gives up on a letter: its event will not be applied to its projection. The aggregate's letters behind it are
     * tried at once.
     */
    public Outcome evict(long id, String by, String reason) {
        DeadLetterQueue.Letter letter = queue.find(id).orElseThrow(() -> new NotFoundException("dead letter", "" + id));
        if (!queue.remove(id)) {
            throw new NotFoundException("dead letter", "" + id);
        }
        log.warn("{} evicted dead letter {} of projection {} (event {} of {}, sequence {}): {}", by, id,
                letter.projection(), letter.eventType(), letter.aggregateId(), letter.sequenceNumber(), reason);
        deadLettering.counter("insight.projection.dead.letters.evicted", letter.projection(),
                "Dead letters given up by an administrator").increment();
        return retry(letter.projection(), letter.aggregateId());
    }

    /** Letters whose back-off has passed, tried on their own. */
    @Scheduled(fixedDelayString = "${insight.dead-letters.retry-poll}")
    void retryDue() {
        try {
            for (DeadLetterQueue.Letter due : queue.dueHeads(clock.instant(), DUE_PER_ROUND)) {
                retry(due.projection(), due.aggregateId());
            }
        } catch (RuntimeException e) {
            // the database may be gone for a moment: the letters stay, and are due again next round
            log.warn("Could not retry the dead letters that are due: {}", e.toString());
        }
    }

    Outcome retry(String projection, String aggregateId) {
        int applied = 0;
        while (true) {
            Optional<DeadLetterQueue.Stored> head;
            String cause;
            try {
                head = transactions.execute(status -> {
                    Optional<DeadLetterQueue.Stored> first = queue.lockHead(projection, aggregateId);
                    first.ifPresent(letter -> {
                        apply(projection, letter);
                        queue.remove(letter.letter().id());
                    });
                    return first;
                });
                cause = null;
            } catch (RetryFailed e) {
                head = Optional.of(e.letter);
                cause = DeadLettering.describe(e.getCause());
            }
            if (head.isEmpty()) {
                return new Outcome(projection, aggregateId, applied, queue.parkedCount(projection, aggregateId), null);
            }
            if (cause != null) {
                Instant now = clock.instant();
                DeadLetterQueue.Letter failed = head.get().letter();
                queue.failed(failed.id(), cause, now, now.plus(deadLettering.retryAfter(failed.attempts() + 1)));
                return new Outcome(projection, aggregateId, applied, queue.parkedCount(projection, aggregateId), cause);
            }
            applied++;
            deadLettering.counter("insight.projection.dead.letters.applied", projection,
                    "Dead letters applied on a later try").increment();
        }
    }

    /** Reads the letter's record again (a newer reader may understand it now) and applies it alone. */
    private void apply(String projection, DeadLetterQueue.Stored stored) {
        DeadLetterQueue.Letter letter = stored.letter();
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic.name(),
                letter.partition() == null ? -1 : letter.partition(), letter.offset() == null ? -1 : letter.offset(),
                letter.aggregateId(), stored.record());
        Optional<EventMessage<?>> read = converter.readKafkaMessage(record);
        if (read.isEmpty()) {
            return; // an upcaster drops it on purpose now: nothing left to apply
        }
        EventMessage<?> event = read.get();
        EventHandlerInvoker handlers = processing.eventProcessor(projection, TrackingEventProcessor.class)
                .orElseThrow(() -> new NotFoundException("projection", projection)).eventHandlerInvoker();
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            if (event.getPayload() instanceof UnreadableRecord unreadable) {
                throw new IllegalStateException(unreadable.reason());
            }
            HandlerError.asException(() -> deadLettering.applyAlone(projection, event, () -> {
                handlers.handle(event, Segment.ROOT_SEGMENT);
                return null;
            }));
            unitOfWork.commit();
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw new RetryFailed(stored, e);
        }
    }

    /** A letter failed again: its transaction rolls back, and the failure is recorded in one of its own. */
    private static final class RetryFailed extends RuntimeException {
        private final transient DeadLetterQueue.Stored letter;

        RetryFailed(DeadLetterQueue.Stored letter, Exception cause) {
            super(cause);
            this.letter = letter;
        }
    }
}
