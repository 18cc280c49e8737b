package io.insightledger.command.system;

import io.insightledger.platform.kafka.EventTopic;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import java.time.Duration;

/** Wiring of the write side: command metadata, and the path from the event store to the topic. */
@EnableScheduling
@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    private static final int PUBLISHER_BATCH_SIZE = 100;

    /**
     * Meetings and hypotheses stay in memory between commands (until the garbage collector needs the room), instead of
     * being read back from the event store and replayed for every command: profiled, the replay was about 7% of a
     * command's CPU and one more round trip. The store's unique (aggregate, sequence) key still refuses a write from a
     * stale copy, and Axon drops the copy of a command that failed. A cache per type: Axon keys them by id alone, and
     * meetings and hypotheses share one id space, so a shared cache would hand a meeting to a hypothesis command.
     */
    @Bean
    Cache meetingCache() {
        return new WeakReferenceCache();
    }

    /** See {@link #meetingCache()}. */
    @Bean
    Cache hypothesisCache() {
        return new WeakReferenceCache();
    }

    /** Registered with the command gateway by Axon's auto-configuration. */
    @Bean
    RequestMetadataInterceptor requestMetadataInterceptor() {
        return new RequestMetadataInterceptor();
    }

    /**
     * The publishing processor starts at the tail of the event store. Axon's default first token marks every stored
     * event as a replay, and the Kafka publisher ignores replays: those events would never reach the topic. It is
     * started by the reconciliation package's StartUpReconciliation, which holds it back after an unclean stop until
     * the topic has been reconciled with the store.
     */
    @Bean
    ConfigurerModule publisherStartsAtTail(KafkaProperties kafka) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                kafka.getPublisher().getProcessingGroup(),
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        // one transaction, and one wait for the broker, per batch of events (BatchAcknowledgedPublisher)
                        .andBatchSize(PUBLISHER_BATCH_SIZE)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andAutoStart(false));
    }

    /**
     * As axon-kafka's own, but waiting for the acknowledgements of a whole batch at once, long enough for the first
     * send, which needs metadata.
     */
    @Bean(destroyMethod = "shutDown")
    @SuppressWarnings("unchecked")
    KafkaPublisher<String, byte[]> kafkaPublisher(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                  ProducerFactory<?, ?> axonKafkaProducerFactory,
                                                  KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
                                                  org.axonframework.config.Configuration configuration,
                                                  KafkaProperties kafka,
                                                  @Value("${insight.kafka.publisher.ack-timeout}") Duration ackTimeout) {
        ProducerFactory<String, byte[]> producers = (ProducerFactory<String, byte[]>) axonKafkaProducerFactory;
        KafkaPublisher.Builder<String, byte[]> builder = KafkaPublisher.<String, byte[]>builder()
                .serializer(eventSerializer)
                .producerFactory(producers)
                .messageConverter(kafkaMessageConverter)
                .messageMonitor(configuration.messageMonitor(KafkaPublisher.class, "kafkaPublisher"))
                .topic(kafka.getDefaultTopic())
                .publisherAckTimeout(ackTimeout.toMillis());
        return new BatchAcknowledgedPublisher(builder, producers, kafkaMessageConverter, kafka.getDefaultTopic(),
                ackTimeout);
    }

    /**
     * Creates the topic once Kafka answers, without holding up start-up: commands must work while Kafka is down,
     * and the publisher catches up when it returns.
     */
    @EventListener(ApplicationReadyEvent.class)
    void createTopicWhenKafkaAnswers(ApplicationReadyEvent ready) {
        EventTopic topic = ready.getApplicationContext().getBean(EventTopic.class);
        new SimpleAsyncTaskExecutor("topic-creation-").execute(() -> topic.ensureExists(Duration.ofDays(365)));
    }
}
