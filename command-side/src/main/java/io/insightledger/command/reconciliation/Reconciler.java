package io.insightledger.command.reconciliation;

import io.insightledger.command.system.BrokerAcknowledgements;
import io.insightledger.platform.kafka.EventTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;

/**
 * Brings the topic in line with the event store, the source of truth: reads every event envelope on the topic, then
 * every (aggregate, sequence number) in the store, and republishes, in that order, each stored event the publisher had
 * passed that the topic lacks. Events are read back through Axon's storage engine (upcasters included) and written
 * by the publisher's own converter and producer, so a republished record is the record the publisher would have sent.
 *
 * <p>The order of the reads matters: the publisher's position first, then the topic up to its end at that moment,
 * then the store. Every event the position covers was acknowledged before the topic's end was taken, so it is missing
 * only if the topic really lost it (or never got it because a gap was given up too early); and every event on the
 * topic was stored before the store is read, so one the store does not hold is a stranger. Events beyond the position
 * are the publisher's to send. While the publisher does not run (held at start-up after an unclean stop), every
 * stored event is compared: it sends again, afterwards, what it had not acknowledged, which consumers absorb as
 * duplicates.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private static final Duration KAFKA_ANSWER = Duration.ofSeconds(10);
    private static final int STORE_FETCH_SIZE = 10_000;
    /** Records sent before waiting for their acknowledgements. */
    private static final int ACK_BATCH = 500;
    private static final String STORED_EVENTS = """
            SELECT aggregateIdentifier, sequenceNumber, globalIndex FROM DomainEventEntry
            ORDER BY aggregateIdentifier, sequenceNumber""";

    private final EventTopic topic;
    private final Map<String, Object> consumerConfig;
    private final JdbcTemplate store;
    private final TransactionTemplate readOnly;
    private final EventStorageEngine storage;
    private final ProducerFactory<String, byte[]> producers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final PublishingProcessor publishing;
    private final Duration ackTimeout;

    @SuppressWarnings("unchecked")
    Reconciler(EventTopic topic, KafkaProperties kafka, DataSource dataSource, PlatformTransactionManager transactions,
               EventStorageEngine storage, @Qualifier("axonKafkaProducerFactory") ProducerFactory<?, ?> producers,
               KafkaMessageConverter<String, byte[]> converter, PublishingProcessor publishing,
               @Value("${insight.kafka.publisher.ack-timeout}") Duration ackTimeout) {
        this.topic = topic;
        this.consumerConfig = consumerConfig(kafka);
        this.store = new JdbcTemplate(dataSource);
        this.store.setFetchSize(STORE_FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.storage = storage;
        this.producers = (ProducerFactory<String, byte[]>) producers;
        this.converter = converter;
        this.publishing = publishing;
        this.ackTimeout = ackTimeout;
    }

    /** The application's consumer settings (servers, security), as a reader of its own: no group, no commits. */
    private static Map<String, Object> consumerConfig(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a topic that is not there is created by EventTopic, with its partitions and retention
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.getClientId() + "-reconciliation");
        return config;
    }

    void reconcile(Reconciliation run) {
        Optional<GapAwareTrackingToken> published = publishing.position();
        if (!topic.ensureExists(KAFKA_ANSWER)) {
            throw new IllegalStateException("Kafka does not answer, so the topic cannot be read");
        }
        TopicInventory onTopic;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            onTopic = TopicInventory.read(consumer, topic.name(),
                    total -> run.enter(ReconciliationStatus.Phase.READING_TOPIC, total));
        }
        run.topicRead(onTopic);
        if (onTopic.unreadable() > 0) {
            log.warn("{} records on the topic are not event envelopes, the first at {}", onTopic.unreadable(),
                    onTopic.firstUnreadable());
        }
        Map<String, SequenceNumbers> missing = compareWithStore(run, onTopic, published);
        republish(run, missing);
    }

    /** @return per aggregate, in the store's order, the sequence numbers the topic lacks */
    private Map<String, SequenceNumbers> compareWithStore(Reconciliation run, TopicInventory onTopic,
                                                          Optional<GapAwareTrackingToken> published) {
        Long stored = store.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
        Progress progress = run.enter(ReconciliationStatus.Phase.READING_STORE, stored == null ? 0 : stored);
        Map<String, SequenceNumbers> missing = new LinkedHashMap<>();
        long[] counts = new long[3]; // in store, on topic, left to the publisher
        readOnly.executeWithoutResult(transaction -> store.query(STORED_EVENTS, row -> {
            String aggregate = row.getString(1);
            long sequenceNumber = row.getLong(2);
            long globalIndex = row.getLong(3);
            counts[0]++;
            if (onTopic.holds(aggregate, sequenceNumber)) {
                counts[1]++;
            } else if (published.isPresent() && passed(published.get(), globalIndex)) {
                missing.computeIfAbsent(aggregate, id -> new SequenceNumbers()).add(sequenceNumber);
            } else {
                counts[2]++;
            }
            if (counts[0] % STORE_FETCH_SIZE == 0) {
                progress.add(STORE_FETCH_SIZE);
            }
        }));
        progress.add(counts[0] % STORE_FETCH_SIZE);
        long lacking = missing.values().stream().mapToLong(SequenceNumbers::size).sum();
        run.storeCompared(counts[0], onTopic.events() - counts[1], counts[2], lacking);
        return missing;
    }

    private static boolean passed(GapAwareTrackingToken position, long globalIndex) {
        return globalIndex <= position.getIndex() && !position.getGaps().contains(globalIndex);
    }

    private void republish(Reconciliation run, Map<String, SequenceNumbers> missing) {
        run.enter(ReconciliationStatus.Phase.REPUBLISHING,
                missing.values().stream().mapToLong(SequenceNumbers::size).sum());
        // the publisher's shared producer (acks=all, idempotent, not transactional): closing it is not ours to do
        Producer<String, byte[]> producer = producers.createProducer();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Map.Entry<String, SequenceNumbers> aggregate : missing.entrySet()) {
            SequenceNumbers lacking = aggregate.getValue();
            DomainEventStream events = storage.readEvents(aggregate.getKey(), lacking.get(0));
            int next = 0;
            while (next < lacking.size() && events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (event.getSequenceNumber() != lacking.get(next)) {
                    continue;
                }
                acks.add(producer.send(converter.createKafkaMessage(event, topic.name())));
                next++;
                if (acks.size() == ACK_BATCH) {
                    acknowledged(run, acks);
                }
            }
        }
        acknowledged(run, acks);
    }

    private void acknowledged(Reconciliation run, List<Future<RecordMetadata>> acks) {
        BrokerAcknowledgements.awaitAll(acks, ackTimeout);
        run.republished(acks.size());
        acks.clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Stopped: the command side is shutting down");
        }
    }
}
