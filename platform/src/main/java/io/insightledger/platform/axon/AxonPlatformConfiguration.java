package io.insightledger.platform.axon;

import io.insightledger.events.EventMetadata;
import io.insightledger.platform.kafka.EventTopic;
import io.insightledger.platform.kafka.EventTopicProperties;
import io.insightledger.platform.kafka.LedgerRecordConverter;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon wiring both sides share: where tokens live, what events carry, and how they look on the topic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EventTopicProperties.class, TokenStoreProperties.class})
public class AxonPlatformConfiguration {

    /**
     * Tokens live in the application's own database, so a processor commits its position in the same transaction as
     * what it did (declared here so that axon-kafka's Kafka-backed token store never takes its place).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .build();
    }

    /** Events carry who caused them and the request they came from, copied from the command (or event) handled. */
    @Bean
    CorrelationDataProvider actorAndCorrelationId() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.CORRELATION_ID,
                EventMetadata.HAPPENED_AT);
    }

    @Bean
    ConfigurerModule correlationInLogs() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processorName) -> new CorrelationLoggingInterceptor());
    }

    /** Reads through the same upcasters (EventUpcaster beans) as the event store, so old revisions read as new. */
    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(
            @Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<EventUpcaster> upcasters) {
        if (!(eventSerializer instanceof JacksonSerializer jackson)) {
            throw new IllegalStateException("Events must be serialized as JSON: set axon.serializer.events=jackson");
        }
        return new LedgerRecordConverter(jackson, new EventUpcasterChain(upcasters.orderedStream().toList()));
    }

    @Bean
    EventTopic eventTopic(KafkaProperties kafka, EventTopicProperties topic) {
        return new EventTopic(kafka.getDefaultTopic(), topic, kafka.getBootstrapServers());
    }
}
