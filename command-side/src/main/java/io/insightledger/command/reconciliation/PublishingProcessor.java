package io.insightledger.command.reconciliation;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The tracking processor that publishes stored events to the topic: where it has got to, and starting it. */
@Component
class PublishingProcessor {

    private final EventProcessingConfiguration processing;
    private final String name;
    private final JdbcClient jdbc;
    private final Serializer tokens;

    PublishingProcessor(EventProcessingConfiguration processing, KafkaProperties kafka, JdbcClient jdbc,
                        Serializer serializer) {
        this.processing = processing;
        this.name = kafka.getPublisher().getProcessingGroup();
        this.jdbc = jdbc;
        this.tokens = serializer;
    }

    /**
     * How far the publisher has published: every event at or below the token's index and not among its gaps was
     * acknowledged by the broker (its token moves on only after that). While it does not run (at start-up, before the
     * reconciliation lets it), its stored token says the same; empty when it has never published anything.
     */
    Optional<GapAwareTrackingToken> position() {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .map(processor -> processor.processingStatus().get(0))
                .map(EventTrackerStatus::getTrackingToken)
                .or(this::storedToken)
                .map(WrappedToken::unwrapLowerBound)
                .filter(GapAwareTrackingToken.class::isInstance)
                .map(GapAwareTrackingToken.class::cast);
    }

    /** Read, not fetched: the token store's fetch would claim it away from the processor. */
    private Optional<TrackingToken> storedToken() {
        return jdbc.sql("SELECT token, tokenType FROM TokenEntry WHERE processorName = ? AND segment = 0")
                .param(name)
                .query((rs, row) -> rs.getBytes(1) == null ? null : tokens.<byte[], TrackingToken>deserialize(
                        new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)))
                .optional();
    }

    /** It does not start by itself: see {@link StartUpReconciliation}. */
    void start() {
        processing.eventProcessor(name).ifPresent(EventProcessor::start);
    }
}
