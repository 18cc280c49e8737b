package io.insightledger.query.system;

import io.insightledger.platform.kafka.EventTopic;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Duration;

/**
 * Every projection (processing group) is a tracking processor of its own over the Kafka topic, with its token in the
 * projection database, so each can be rebuilt alone and none waits for another.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QuerySideConfiguration {

    /** The query side stores no events: it only reads the topic. */
    @Bean
    EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    /**
     * The source assigns the topic's partitions as they are when it opens, so the topic is made to exist first; the
     * query side has nothing to do without it and waits.
     */
    @Bean
    @SuppressWarnings("unchecked")
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            EventTopic topic,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ConsumerFactory<?, ?> axonKafkaConsumerFactory,
            Fetcher<?, ?, ?> kafkaFetcher,
            KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
            KafkaProperties kafka) {
        topic.ensureExists(Duration.ofDays(365));
        return new TokensInHandlingOrder(topic.name(), eventSerializer,
                (ConsumerFactory<String, byte[]>) axonKafkaConsumerFactory,
                (Fetcher<String, byte[], KafkaEventMessage>) kafkaFetcher,
                kafkaMessageConverter,
                kafka.getFetcher().getBufferSize());
    }

    /**
     * A handler's exception fails its batch (Axon's default would log it and move on, with the cursor already moved);
     * the projection's guard then finds the event at fault and parks it (see {@link ProjectionGuard}).
     */
    @Bean
    ConfigurerModule projectionsReadTheTopic(StreamableKafkaMessageSource<String, byte[]> source,
                                             ProjectionCursor cursor,
                                             ProjectionMeter meter,
                                             DeadLetterQueue deadLetters,
                                             DeadLettering deadLettering,
                                             @Value("${insight.projections.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .configureDefaultStreamableMessageSource(config -> source)
                // a new projection starts from the beginning of the topic, not marked as a replay
                .registerTrackingEventProcessorConfiguration(config ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                .registerDefaultHandlerInterceptor((config, projection) -> meter.interceptorFor(projection))
                .registerDefaultHandlerInterceptor((config, projection) ->
                        new ProjectionGuard(projection, cursor, deadLetters, deadLettering));
    }
}
