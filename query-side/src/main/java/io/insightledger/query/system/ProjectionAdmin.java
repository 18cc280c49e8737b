package io.insightledger.query.system;

import io.insightledger.platform.kafka.EventTopic;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The projections' processors: where each stands on the topic, and rebuilding one from the start of the topic. While a
 * projection rebuilds, the reads that depend on it answer 503 with its progress, so nobody sees half a history.
 */
@Component
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    /** ERROR: the processor's last batch failed for a reason that is not an event's (the database is gone?). */
    public enum State { RUNNING, REBUILDING, STOPPED, ERROR }

    /**
     * @param position         events consumed (the sum of the partitions' offsets reached)
     * @param end              events on the topic
     * @param eventsHandled    since this application started, rebuilds included
     * @param progress         for a rebuild, the share of the topic replayed so far (0 to 1)
     * @param deadLetters      events parked in the dead-letter queue
     * @param oldestDeadLetter when the oldest of them was first tried
     * @param error            why the processor is in error, if it is
     */
    public record Status(String name, State state, long position, long end, long lag, long eventsHandled,
                         double eventsPerSecond, Double progress, Instant rebuildStartedAt, long deadLetters,
                         Instant oldestDeadLetter, String error) {
    }

    /** A read that depends on a projection being rebuilt: 503, come back shortly. */
    public static class Rebuilding extends ResponseStatusException {
        Rebuilding(Status status) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "Projection " + status.name() + " is rebuilding ("
                    + Math.round(100 * (status.progress() == null ? 0 : status.progress())) + "% done); retry shortly");
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "2");
            return headers;
        }
    }

    private final EventProcessingConfiguration processing;
    private final ProjectionMeter meter;
    private final ProjectionChanges changes;
    private final EventTopic topic;
    private final DeadLetterQueue deadLetters;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, Instant> rebuilding = new ConcurrentHashMap<>();
    private final AtomicLong rebuildsEnded = new AtomicLong();

    ProjectionAdmin(EventProcessingConfiguration processing, ProjectionMeter meter, ProjectionChanges changes,
                    EventTopic topic, DeadLetterQueue deadLetters, JdbcClient jdbc,
                    PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.meter = meter;
        this.changes = changes;
        this.topic = topic;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Set<String> names() {
        return processing.eventProcessors().keySet();
    }

    public List<Status> statuses() {
        Map<TopicPartition, Long> ends = topic.endOffsets();
        Map<String, DeadLetterQueue.Summary> parked = deadLetters.summary();
        return names().stream().sorted().map(name -> status(name, ends, parked)).toList();
    }

    public Status status(String name) {
        return status(name, topic.endOffsets(), deadLetters.summary());
    }

    /** How many rebuilds have ended: an answer remembered from before a rebuild is not handed out after it. */
    public long rebuildsEnded() {
        return rebuildsEnded.get();
    }

    /** Answers 503 for a read of a projection that is rebuilding. */
    public void requireReady(String name) {
        if (rebuilding.containsKey(name)) {
            throw new Rebuilding(status(name));
        }
    }

    /**
     * Reads the whole topic into the projection again: its reset handler empties its tables first. The rebuild runs in
     * the background; until it is complete, reads of the projection answer 503.
     */
    public synchronized Status rebuild(String name) {
        TrackingEventProcessor processor = processor(name);
        if (rebuilding.putIfAbsent(name, Instant.now()) != null) {
            return status(name);
        }
        changes.announceState(name, State.REBUILDING.name());
        log.info("Rebuilding projection {} from the start of the topic", name);
        Map<TopicPartition, Long> target = topic.endOffsets();
        processor.shutDown();
        // Not Axon's resetTokens: its replay token mixes up Kafka positions (a partition it has not seen yet counts
        // as read up to offset 0) and skips records. Emptied tables and no token make a new processor instead, which
        // reads the topic from its first record, as on a first start.
        transactions.executeWithoutResult(tx -> {
            processor.eventHandlerInvoker().performReset();
            deadLetters.clear(name);
            jdbc.sql("DELETE FROM TokenEntry WHERE processorName = ?").param(name).update();
        });
        processor.start();
        Thread watcher = new Thread(() -> awaitRebuilt(name, processor, target), "rebuild-" + name);
        watcher.setDaemon(true);
        watcher.start();
        return status(name);
    }

    /** The rebuild is complete once the processor has handled the topic up to where it ended when the rebuild began. */
    private void awaitRebuilt(String name, TrackingEventProcessor processor, Map<TopicPartition, Long> target) {
        try {
            while (!reached(positions(processor), target)) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            log.info("Projection {} rebuilt in {} ms", name,
                    Duration.between(rebuilding.get(name), Instant.now()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            rebuildsEnded.incrementAndGet();
            rebuilding.remove(name);
            changes.announceState(name, State.RUNNING.name());
        }
    }

    private static boolean reached(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> target) {
        return target.entrySet().stream()
                .allMatch(end -> positions.getOrDefault(end.getKey(), -1L) + 1 >= end.getValue());
    }

    /** Per partition, the offset of the last record the processor handled. */
    private static Map<TopicPartition, Long> positions(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .flatMap(token -> positions(token).entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Math::max));
    }

    private Status status(String name, Map<TopicPartition, Long> ends, Map<String, DeadLetterQueue.Summary> parked) {
        TrackingEventProcessor processor = processor(name);
        Instant startedAt = rebuilding.get(name);
        Map<TopicPartition, Long> positions = positions(processor);
        // a token holds the offset of the last record handled; the end offset is that of the next record
        long position = positions.values().stream().mapToLong(offset -> offset + 1).sum();
        long end = ends.values().stream().mapToLong(Long::longValue).sum();
        long lag = ends.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - positions.getOrDefault(e.getKey(), -1L) - 1))
                .sum();
        String error = processor.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(tracker -> String.valueOf(tracker.getError()))
                .findFirst().orElse(null);
        State state = startedAt != null ? State.REBUILDING : error != null ? State.ERROR
                : processor.isRunning() ? State.RUNNING : State.STOPPED;
        Double progress = startedAt == null ? null : end == 0 ? 1.0 : Math.min(1.0, (double) position / end);
        DeadLetterQueue.Summary letters = parked.getOrDefault(name, new DeadLetterQueue.Summary(0, null));
        return new Status(name, state, position, end, lag, meter.eventsHandled(name), meter.eventsPerSecond(name),
                progress, startedAt, letters.count(), letters.oldest(), error);
    }

    private static Map<TopicPartition, Long> positions(TrackingToken token) {
        return WrappedToken.unwrap(token, KafkaTrackingToken.class)
                .map(KafkaTrackingToken::getPositions)
                .orElse(Map.of());
    }

    private TrackingEventProcessor processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new NotFoundException("projection", name));
    }
}
