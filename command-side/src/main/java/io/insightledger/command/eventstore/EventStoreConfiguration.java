package io.insightledger.command.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event store's storage engine: Axon's JDBC one, with gaps given up only when nobody can fill them. */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /**
     * Built as Axon's Spring Boot auto-configuration builds its JDBC engine (which steps aside for this bean), except
     * for the gap rules. Axon gives a gap up when it reads an event older than {@code gapTimeout} or when the gap falls
     * {@code maxGapOffset} behind; both are set as high as they go (about 24.8 days, and 2^31 places), so that only a
     * publisher that far behind would still drop a gap by them, and {@link GapSafeEventStorageEngine} decides instead.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .gapTimeout(Integer.MAX_VALUE)
                .maxGapOffset(Integer.MAX_VALUE);
        return new GapSafeEventStorageEngine(builder, transactionManager);
    }
}
